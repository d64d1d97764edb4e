import { AiosError } from '../contract/index.js';

/**
 * How deep a request's JSON may nest. The deepest legitimate body (a product model's enum values
 * inside a job's input) is under 10 levels; thousands of levels overflow the stack of whatever
 * walks the value recursively later (fingerprinting, schema checks, the MCP adapter).
 */
export const MAX_JSON_DEPTH = 64;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Refuses JSON text nested deeper than MAX_JSON_DEPTH, before it is parsed: one pass, no recursion. */
export function assertJsonDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === BACKSLASH) i++;
      else if (char === QUOTE) inString = false;
    } else if (char === QUOTE) {
      inString = true;
    } else if (char === OPEN_BRACE || char === OPEN_BRACKET) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new AiosError('INVALID_INPUT', `(body): the JSON nests deeper than ${MAX_JSON_DEPTH} levels; no valid request does`, {
          max_depth: MAX_JSON_DEPTH,
        });
      }
    } else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) {
      depth--;
    }
  }
}
