import { describe, expect, it } from 'vitest';
import { designArchitecture } from '../../../src/agents/architect.js';
import { readIdea } from '../../../src/agents/reader/read.js';

/**
 * What the idea says people may see becomes read rules of the product model (sight.ts), and the
 * architect's matrix follows them. Sentences written for these tests, none of them from the corpora.
 */
const reads = (spec: string) =>
  readIdea({ spec })
    .access.filter((rule) => rule.actions.includes('read'))
    .map((rule) => `${rule.role} ${rule.entity} ${rule.scope}`);

describe('who sees what, as the idea says it', () => {
  it('"only see their own" is their own rows', () => {
    expect(reads('Sellers post listings. Buyers send offers on listings. Sellers only see their own offers.')).toContain('seller offer own');
  });

  it('"shouldn\'t see other X" is their own rows too, and "can\'t see X" is none of them', () => {
    const rules = reads('Coaches write training plans. Coaches shouldn’t see other training plans. Cooks plan meals. Cooks can’t see training plans.');
    expect(rules).toContain('coach training_plan own');
    expect(rules).toContain('cook training_plan none');
  });

  it('"the rows assigned to them" and "booked by them" name the person', () => {
    const rules = reads('Supervisors create inspections and assign them to inspectors. Inspectors see only the inspections assigned to them.');
    expect(rules).toContain('inspector inspection own');
  });

  it('"sees all of them" points back at the rows just named, and "sees everything" at every record', () => {
    const rules = reads('Tenants report faults and upload photos. Tenants see only their own faults; the caretaker sees all of them. The auditor sees everything.');
    expect(rules).toEqual(expect.arrayContaining(['tenant fault own', 'caretaker fault all', 'auditor fault all']));
  });

  it('reads "sees all" ending its clause as every record, and "sees all X" by what follows', () => {
    const rules = reads('Members post notices and book rooms. The caretaker sees all, members see their own bookings.');
    expect(rules).toEqual(expect.arrayContaining(['caretaker notice all']));
  });

  it('"see their dog\'s notes": the possessor is theirs, and so are the rows it owns', () => {
    const rules = reads('Vets write health notes for each dog. Each walker sees their dog\'s health notes.');
    expect(rules).toEqual(expect.arrayContaining(['walker dog own', 'walker health_note own']));
    // "tutors' contact details" are somebody else's: no rule of their own.
    expect(reads('Parents book tutors. Parents never see tutors\' contact details.').filter((rule) => rule.startsWith('parent tutor'))).toEqual([]);
  });

  it('says nothing when the idea says nothing of whose rows: "members see events" leaves the defaults', () => {
    expect(reads('Organisers post events. Members see events and RSVP to them.')).toEqual([]);
  });

  it('makes no rule for a role that already sees everything', () => {
    expect(reads('Admins manage courses. Students enrol in courses. The admin sees everything.').filter((rule) => rule.startsWith('admin '))).toEqual([]);
  });

  it('reaches the app: technicians see only the tickets assigned to them, through their assignments', async () => {
    const { architecture } = await designArchitecture({ spec: 'Dispatchers open tickets and assign them to technicians. Technicians only see their own tickets.' });
    const tickets = architecture.security.access_matrix!.tables.find((table) => table.table === 'tickets')!;
    const technician = tickets.roles.find((row) => row.role === 'technician')!;
    expect(technician.read.scope === 'own' || technician.read.scope === 'related').toBe(true);
    expect(technician.read.source).toBe('rule');
  });
});
