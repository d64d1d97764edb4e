import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/** Who signs in, read from how the idea names its people: sentences written for these tests, none of them from a corpus. */
const roles = (spec: string) => readIdea({ spec }).roles.map((r) => r.name);

describe('the speaker names their own role in brackets', () => {
  it('makes "I (owner)" the owner role, not an admin', () => {
    const spec = 'Ordering site for our two juice bars. Customers order smoothies ahead and pay by card. Baristas mark orders ready. I (owner) change the menu and the prices.';
    expect(roles(spec)).toContain('owner');
    expect(roles(spec)).not.toContain('admin');
  });

  it('reads a plural "we (editors)" as the singular role', () => {
    const spec = 'A site for short stories. Writers submit stories and we (editors) accept or decline them. Readers comment on published stories.';
    expect(roles(spec)).toContain('editor');
    expect(roles(spec)).not.toContain('editors');
  });
});

describe('the people a product is made for use it', () => {
  it('makes the people after "Like <a product> but for" a role', () => {
    const spec = 'Like Calendly but for dog groomers: owners book a grooming slot from my availability and pay a deposit.';
    expect(roles(spec)).toContain('dog_groomer');
  });

  it('makes the people after "<a product name> for" a role when the speaker is one of them', () => {
    const spec = 'Typeform for yoga teachers, but students fill in a health form before their first class and I can read the answers.';
    expect(roles(spec).some((r) => r === 'teacher' || r.endsWith('_teacher'))).toBe(true);
  });

  it('does not make people a role for following "for" after an ordinary noun', () => {
    const spec = 'We cook meal boxes for busy nurses. Customers order a box each week and pick a delivery day.';
    expect(roles(spec)).not.toContain('nurse');
  });
});
