import { describe, expect, it } from 'vitest';
import { joinedName } from '../../src/agents/naming.js';

describe('joinedName', () => {
  it('joins two names with an underscore', () => {
    expect(joinedName('invoice', 'line')).toBe('invoice_line');
    expect(joinedName('club', 'member')).toBe('club_member');
  });

  it('drops from the first name the words the second repeats', () => {
    expect(joinedName('template', 'template_item')).toBe('template_item');
    expect(joinedName('question_template', 'question')).toBe('template_question');
    expect(joinedName('hourly_rate', 'rate')).toBe('hourly_rate');
  });
});
