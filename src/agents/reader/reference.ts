/**
 * A column's reference to another table, as an architecture writes it in `Field.references`:
 * `projects.id`, `public.projects.id`, `projects(id)`, `auth.users.id`. The screens and the code
 * read it the same way, so that both see the same parent of a record.
 */
export interface Reference {
  schema: string;
  table: string;
  column: string;
}

/** Schema, table and column of a reference; the schema defaults to `public` and the column to `id`. */
export function parseReference(reference: string | undefined): Reference | undefined {
  if (!reference) return undefined;
  const parts = reference.replace(/\s+/g, '').replace(/\((\w+)\)$/, '.$1').split('.').filter(Boolean);
  const [first = '', second, third] = parts;
  if (parts.length >= 3) return { schema: first, table: second ?? '', column: third ?? 'id' };
  if (parts.length === 2) return { schema: 'public', table: first, column: second ?? 'id' };
  return first ? { schema: 'public', table: first, column: 'id' } : undefined;
}
