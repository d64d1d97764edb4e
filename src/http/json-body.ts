import { AiosError } from '../contract/index.js';

/**
 * How deep a request's JSON may nest. The deepest legitimate body (a product model's enum values
 * inside a job's input) is under 10 levels; thousands of levels overflow the stack of whatever
 * walks the value recursively later (fingerprinting, schema checks, the MCP adapter).
 */
export const MAX_JSON_DEPTH = 64;

const BACKSLASH = 0x5c;

/** True when the quote at `index` is escaped: an odd number of backslashes before it. */
function escaped(text: string, index: number): boolean {
  let slashes = 0;
  while (text.charCodeAt(index - 1 - slashes) === BACKSLASH) slashes++;
  return slashes % 2 === 1;
}

/**
 * Refuses JSON text nested deeper than MAX_JSON_DEPTH, before it is parsed: one pass, no recursion.
 * It jumps from one bracket or quote to the next and over whole strings (most of a large body), so
 * it costs about what parsing does, and nothing for small bodies. Malformed text is left to the parser.
 */
export function assertJsonDepth(text: string): void {
  const structure = /["[\]{}]/g;
  let depth = 0;
  let match: RegExpExecArray | null;
  while ((match = structure.exec(text)) !== null) {
    const char = match[0];
    if (char === '"') {
      let end = match.index;
      do {
        end = text.indexOf('"', end + 1);
        if (end === -1) return;
      } while (escaped(text, end));
      structure.lastIndex = end + 1;
    } else if (char === '{' || char === '[') {
      if (++depth > MAX_JSON_DEPTH) {
        throw new AiosError('INVALID_INPUT', `(body): the JSON nests deeper than ${MAX_JSON_DEPTH} levels; no valid request does`, {
          max_depth: MAX_JSON_DEPTH,
        });
      }
    } else {
      depth--;
    }
  }
}
