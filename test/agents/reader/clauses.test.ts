import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/**
 * What a clause of its own says is done to a thing (clauses.ts): a relative clause or a passive
 * names what people do to it, as a verb's object does. Sentences written for these tests.
 */
const tables = (spec: string): string[] => readIdea({ spec }).entities.map((e) => e.name);

describe('a relative clause says what people do to a thing', () => {
  it('keeps what students submit', () => {
    expect(tables('Every module has readings and an essay that students submit by Friday.')).toContain('essay');
  });

  it('keeps what parents create', () => {
    expect(tables('Kids trade stars for treats that parents create in the app.')).toContain('treat');
  });

  it('keeps what someone is assigned to resolve', () => {
    expect(tables('Every failed check raises a hazard that someone is assigned to resolve within a week.')).toContain('hazard');
  });

  it('reads a clause with an object of its own as when, not what', () => {
    expect(tables('At the end of the month we pay guides per tour and guides log their tours.')).not.toContain('month');
  });
});

describe('the subject of a passive is what is acted on', () => {
  it('keeps deliveries that get scheduled', () => {
    expect(tables('Deliveries get scheduled into a loading bay slot by the yard manager.')).toContain('delivery');
  });

  it('keeps incidents that are logged', () => {
    expect(tables('Every incident is logged by the duty officer and the chief reads them on Monday.')).toContain('incident');
  });

  it('keeps listings that are published', () => {
    expect(tables('Listings are published after a moderator checks the photos.')).toContain('listing');
  });

  it('keeps refunds that are approved', () => {
    expect(tables('Refunds are approved by a supervisor before the cashier pays them.')).toContain('refund');
  });
});

describe('a passive that lays a whole out is no evidence of a row', () => {
  it('keeps a menu organised in sections the one menu', () => {
    const names = tables('Diners scan a code that opens the menu. The menu is organised in sections like starters and mains, and the chef edits the menu every week.');
    expect(names).not.toContain('menu');
  });
});
