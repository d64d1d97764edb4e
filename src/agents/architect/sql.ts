/** Lexical pieces of PostgreSQL that several parts of the migration write. */

/** A string constant: `it's` → `'it''s'`. */
export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** `array['a', 'b']::text[]`, for `= any(...)` tests. */
export function textArray(values: readonly string[]): string {
  return `array[${values.map(literal).join(', ')}]::text[]`;
}

/** Identifiers longer than 63 bytes are cut by PostgreSQL; cutting them ourselves keeps names predictable. */
export function shortIdentifier(name: string): string {
  return name.length <= 63 ? name : name.slice(0, 63);
}
