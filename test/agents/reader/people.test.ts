import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/** Who signs in: sentences written for these tests, none of them from the corpus. */
const roles = (spec: string) => readIdea({ spec }).roles.map((r) => r.name);
const entities = (spec: string) => readIdea({ spec }).entities.map((e) => e.name);

describe('the people reader', () => {
  it('takes the people listed after "only ... will use the app:" as the ones who sign in', () => {
    const spec = 'A stock app for our warehouse. Only the office will use the app: me and three bookkeepers. Suppliers never log in.';
    expect(roles(spec)).toContain('bookkeeper');
    expect(entities(spec)).toContain('supplier');
  });

  it('makes every word listed under "Roles:" a role, even one that names a team rather than a person', () => {
    const spec = 'Expense tool for our agency. Roles: finance, support, admin. Staff submit expenses with a receipt and finance approves them.';
    expect(roles(spec)).toEqual(expect.arrayContaining(['finance', 'support', 'admin']));
  });

  it('makes a person named alone on a line above a list of what they do a role', () => {
    const spec = 'Marketplace for home bakers.\n\nBakers\n- list their cakes with a price and photos\n- accept orders\n\nAdmin\n- approve new bakers\n- see revenue per month';
    expect(roles(spec)).toContain('admin');
  });

  it('reads "the families who receive the parcels don\'t use the app" as said of the families, not of the people named before', () => {
    const spec = 'We run a toy library and need an app to organise the volunteers and the parcels. The volunteers must register in the app and sign up for packing shifts. The families who receive the parcels don\'t use the app; our staff register them with address and number of children.';
    expect(roles(spec)).toContain('volunteer');
    expect(entities(spec)).not.toContain('volunteer');
  });
});
