import type { TokenUsage } from '../../contract/index.js';
import type { AgentContext } from '../agent.js';
import { repairRequest } from '../prompts.js';
import { InputNeeded, NO_TOKENS, addTokens, type ModelMessage, type ModelPort } from './port.js';

/**
 * One task for a model, checked: ask, check the answer, send it back once with the problems, check
 * again. Never throws for what the model did (a failed call, a bad answer): the result says why
 * instead, for the caller to fall back. An abort (the phase's time limit, a cancellation) throws.
 */

export type Check<T> = { ok: true; value: T } | { ok: false; problems: string[] };

export type Asked<T> = { ok: true; value: T; tokens: TokenUsage } | { ok: false; reason: string; tokens: TokenUsage };

export interface Task<T> {
  system: string;
  request: string;
  schema: Record<string, unknown>;
  check: (text: string) => Check<T>;
  /** What the progress notes call the work: "the product model", "the brief's prose". */
  what: string;
  /** Progress rises from `from` towards `to` while the model writes. */
  from: number;
  to: number;
}

/** The JSON object in an answer: bare, or inside a code fence or some words, as models sometimes write it. */
export function jsonOf(text: string): unknown {
  const trimmed = text.trim();
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(trimmed)?.[1];
  const candidate = fenced ?? trimmed;
  const start = candidate.indexOf('{');
  const end = candidate.lastIndexOf('}');
  if (start < 0 || end <= start) throw new Error('the answer holds no JSON object');
  return JSON.parse(candidate.slice(start, end + 1));
}

/** Progress while the model writes: from `from` towards `to`, never reaching it; the answer's length is unknown. */
function writingProgress(ctx: Pick<AgentContext, 'progress'>, task: Pick<Task<unknown>, 'from' | 'to' | 'what'>, attempt: number): (characters: number) => void {
  let last = -1;
  return (characters) => {
    const percent = Math.floor(task.from + (task.to - task.from) * (1 - Math.exp(-characters / 6_000)));
    if (percent <= last) return;
    last = percent;
    ctx.progress(percent, `${attempt === 0 ? 'the model is writing' : 'the model is correcting'} ${task.what} (${characters} characters)`);
  };
}

export async function askChecked<T>(port: ModelPort, task: Task<T>, ctx: Pick<AgentContext, 'signal' | 'progress'>): Promise<Asked<T>> {
  const messages: ModelMessage[] = [{ role: 'user', content: task.request }];
  let tokens: TokenUsage = NO_TOKENS;
  let problems: string[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    let text: string;
    try {
      const answer = await port.complete({ system: task.system, messages, schema: task.schema, signal: ctx.signal, onText: writingProgress(ctx, task, attempt) });
      tokens = addTokens(tokens, answer.usage);
      text = answer.text;
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      if (error instanceof InputNeeded) throw error;
      return { ok: false, tokens, reason: `the model call failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    const checked = task.check(text);
    if (checked.ok) {
      ctx.progress(task.to, `${task.what} checked`);
      return { ok: true, value: checked.value, tokens };
    }
    problems = checked.problems;
    messages.push({ role: 'assistant', content: text }, { role: 'user', content: repairRequest(problems) });
  }
  const shown = problems.slice(0, 3).join('; ');
  return { ok: false, tokens, reason: `the model's answer was not valid, twice (${shown}${problems.length > 3 ? '; …' : ''})` };
}
