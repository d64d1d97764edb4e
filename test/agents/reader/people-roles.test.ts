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
