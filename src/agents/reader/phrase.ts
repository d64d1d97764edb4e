/**
 * Whether `phrase` occurs in `lower` as whole words: "search" in "full-text search", not in
 * "research". Both are lower case already, so callers lower a sentence once for many phrases.
 */
export function hasPhrase(lower: string, phrase: string): boolean {
  let at = lower.indexOf(phrase);
  while (at >= 0) {
    const before = at === 0 ? ' ' : lower.charAt(at - 1);
    const after = lower.charAt(at + phrase.length) || ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
    at = lower.indexOf(phrase, at + 1);
  }
  return false;
}
