import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/**
 * An amount that goes up and down is kept as its changes (ledgers.ts): sentences written for these
 * tests, none of them from a corpus, three domains or more a class.
 */
const entities = (spec: string) => readIdea({ spec }).entities.map((e) => e.name);

describe('an amount that goes up and down, a row each change', () => {
  // [the class, the idea, the ledger's row, the amount that is no table of its own]
  it.each([
    ['units earned and spent', 'Classroom reward app: teachers sign in and keep their pupils (name, class). Pupils earn tokens for reading and spend tokens in the class shop on stickers.', 'token_transaction', 'token'],
    ['units that add up and are taken away', 'Office step challenge: employees log their walks, points add up over the month, and the admin can take points away for cheating.', 'point_transaction', 'point'],
    ['units earned and spent, named again by a pronoun', 'Climbing gym app: members earn credits for every class they attend, and members spend them on coaching sessions with a coach.', 'credit_transaction', 'credit'],
    ['goods that go down', 'Pharmacy back office: we track stock of each medicine (name, strength, supplier), and dispensing a prescription decreases stock.', 'stock_movement', 'stock'],
    ['goods used up, named again by a pronoun', 'Print shop app: we keep paper stock by size and weight. Every print job uses it up, and staff log each print job for a customer.', 'stock_movement', 'stock'],
  ])('%s: %s', (_class, spec, row, amount) => {
    const names = entities(spec);
    expect(names).toContain(row);
    expect(names).not.toContain(amount);
  });

  it.each([
    ['a total that adds up is a figure', 'Cleaning quote site: customers pick rooms and extras and the price adds up automatically, then they book a visit.', 'price_transaction'],
    ['adding up records is a sum, not a change', 'Tutoring app: at the end of the month the app adds up every family\'s lessons and makes one invoice per family.', 'lesson_transaction'],
    ['time spent is no amount kept', 'Accountant portal: every tax season I spend weeks emailing clients for documents, so clients upload documents to their engagement.', 'week_transaction'],
    ['units earned once, never spent', 'Quiz night app: teams sign up for quiz nights and earn points for each right answer, and hosts keep the questions.', 'point_transaction'],
    ['things that move are no amount', 'Animal rescue app: we keep the animals (name, species) and the fosters, and animals move between fosters sometimes.', 'animal_transaction'],
  ])('keeps no ledger when %s: %s', (_class, spec, row) => {
    expect(entities(spec)).not.toContain(row);
  });
});
