import type { RlsPolicy } from '../../contract/index.js';
import { listing, lower, pluralLabel } from '../english.js';
import { PROFILES, type DataModel, type Table } from './data-model.js';
import { literal } from './sql.js';

/**
 * Row level security for every table, written as the terms of each policy so that the SQL and
 * the sentence describing it come from the same place. Policies call SECURITY DEFINER helpers
 * (has_role, is_admin, is_<x>_member) so that a policy never reads a table whose own policy
 * reads back: that recursion is an error in PostgreSQL.
 */

const UID = '(select auth.uid())';

interface Term {
  sql: string;
  says: string;
}

export function memberFunction(table: Table): string {
  return `public.is_${table.singular}_member`;
}

function hasRole(roles: readonly string[]): string {
  return `public.has_role(${roles.map(literal).join(', ')})`;
}

function adminTerm(model: DataModel): Term[] {
  return model.adminRoles.length > 0 ? [{ sql: 'public.is_admin()', says: `administrators (${listing(model.adminRoles)})` }] : [];
}

function visibleParent(table: Table): Term[] {
  if (!table.parent) return [];
  const { column, table: parent } = table.parent;
  return [{ sql: `exists (select 1 from public.${parent} where ${parent}.id = ${table.name}.${column})`, says: `people who can see the parent ${parent} row` }];
}

/**
 * People who may change the parent row: its owner, its members or editors, or, for a parent that
 * has none of these, whoever may change the grandparent. Children nobody owns (a salon's services,
 * a quiz's questions) are managed by whoever manages the parent.
 */
function writableParent(table: Table, model: DataModel, depth = 0): Term[] {
  if (!table.parent) return [];
  const parent = model.tables.find((candidate) => candidate.name === table.parent?.table);
  if (!parent) return [];
  const conditions: string[] = [];
  if (parent.ownerColumn) conditions.push(`${parent.name}.${parent.ownerColumn} = ${UID}`);
  // Members work inside the parent, but only its owner decides who the members are.
  if (parent.membership && parent.membership.table !== table.name) conditions.push(`${memberFunction(parent)}(${parent.name}.id)`);
  if (parent.editorRoles.length > 0) conditions.push(hasRole(parent.editorRoles));
  if (!parent.ownerColumn && parent.creatorRoles.length > 0 && model.roles.length > 1) conditions.push(hasRole(parent.creatorRoles));
  if (conditions.length === 0 && depth < 4) conditions.push(...writableParent(parent, model, depth + 1).map((term) => term.sql));
  if (conditions.length === 0) return visibleParent(table);
  const condition = conditions.length === 1 ? conditions[0] : `(${conditions.join(' or ')})`;
  return [
    {
      sql: `exists (select 1 from public.${parent.name} where ${parent.name}.id = ${table.name}.${table.parent.column} and ${condition})`,
      says: `people who can change the ${parent.singular.replace(/_/g, ' ')}`,
    },
  ];
}

/** Who may read a row. */
function readTerms(table: Table, model: DataModel): Term[] {
  if (table.sharedRead) return [{ sql: 'true', says: 'every signed-in person' }];
  const terms: Term[] = [];
  if (table.ownerColumn) terms.push({ sql: `${table.name}.${table.ownerColumn} = ${UID}`, says: 'the owner' });
  for (const column of table.people) terms.push({ sql: `${table.name}.${column} = ${UID}`, says: `the person in ${column}` });
  if (table.membership) terms.push({ sql: `${memberFunction(table)}(${table.name}.id)`, says: `members (${table.membership.table})` });
  if (table.editorRoles.length > 0) terms.push({ sql: hasRole(table.editorRoles), says: `people with the role ${table.editorRoles.join(' or ')}` });
  terms.push(...visibleParent(table));
  terms.push(...adminTerm(model));
  return terms;
}

/** Who may change or delete a row; `people` may update rows given to them but not delete them. */
function writeTerms(table: Table, model: DataModel, command: 'update' | 'delete'): Term[] {
  const terms: Term[] = [];
  if (table.kind === 'join' && table.parent) {
    terms.push(...writableParent(table, model));
    if (command === 'delete') for (const column of table.people) terms.push({ sql: `${table.name}.${column} = ${UID}`, says: 'the member leaving' });
    return [...terms, ...adminTerm(model)];
  }
  if (table.ownerColumn) terms.push({ sql: `${table.name}.${table.ownerColumn} = ${UID}`, says: 'the owner' });
  if (command === 'update' && table.editorRoles.length > 0) terms.push({ sql: hasRole(table.editorRoles), says: `people with the role ${table.editorRoles.join(' or ')}` });
  if (command === 'update') for (const column of table.people) terms.push({ sql: `${table.name}.${column} = ${UID}`, says: `the person in ${column}` });
  if (!table.ownerColumn) {
    if (table.parent) terms.push(...writableParent(table, model));
    else if (table.creatorRoles.length > 0 && model.roles.length > 1) terms.push({ sql: hasRole(table.creatorRoles), says: `people with the role ${table.creatorRoles.join(' or ')}` });
    else if (model.adminRoles.length === 0) terms.push({ sql: 'true', says: 'every signed-in person' });
  }
  return [...terms, ...adminTerm(model)];
}

/** What a new row must satisfy: every condition holds at once. */
function insertTerms(table: Table, model: DataModel): Term[] {
  if (table.kind === 'join') {
    const allowed = writeTerms(table, model, 'update');
    return [{ sql: anyOf(allowed), says: whoSays(allowed) }];
  }
  const terms: Term[] = [];
  if (table.ownerColumn) terms.push({ sql: `${table.name}.${table.ownerColumn} = ${UID}`, says: 'the row is the creator’s own' });
  // Owned rows join a parent the creator can see (a comment on an article); rows nobody owns are
  // part of their parent and need the right to change it (a service of a salon).
  const parentTerms = table.parent && table.ownerColumn ? visibleParent(table) : writableParent(table, model);
  terms.push(...parentTerms.map((term) => ({ sql: term.sql, says: `the creator is among ${term.says}` })));
  if (table.creatorRoles.length > 0 && model.roles.length > 1) {
    const roles = [...new Set([...table.creatorRoles, ...model.adminRoles])];
    terms.push({ sql: hasRole(roles), says: `the creator has the role ${roles.join(' or ')}` });
  } else if (!table.ownerColumn && !table.parent && model.adminRoles.length > 0) {
    terms.push({ sql: 'public.is_admin()', says: 'the creator is an administrator' });
  }
  return terms;
}

function anyOf(terms: Term[]): string {
  if (terms.length === 0 || terms.some((term) => term.sql === 'true')) return 'true';
  return terms.map((term) => term.sql).join(' or ');
}

function allOf(terms: Term[]): string {
  if (terms.length === 0) return 'true';
  return terms.map((term) => (/ or /.test(term.sql) ? `(${term.sql})` : term.sql)).join(' and ');
}

function whoSays(terms: Term[]): string {
  if (terms.length === 0 || terms.some((term) => term.sql === 'true')) return 'every signed-in person';
  return listing(terms.map((term) => term.says));
}

function profilePolicies(model: DataModel): RlsPolicy[] {
  const self = `id = ${UID}`;
  const admin = model.adminRoles.length > 0 ? ' or public.is_admin()' : '';
  return [
    {
      table: PROFILES,
      name: 'profiles_select',
      command: 'select',
      role: 'authenticated',
      using: 'true',
      description: 'Signed-in people can see each other’s display name and role (to assign work and show authors).',
    },
    {
      table: PROFILES,
      name: 'profiles_insert',
      command: 'insert',
      role: 'authenticated',
      with_check: `${self} and role = ${literal(model.defaultRole)}`,
      description: `A person can create only their own profile, with the default role (${model.defaultRole}); the sign-up trigger normally does it.`,
    },
    {
      table: PROFILES,
      name: 'profiles_update',
      command: 'update',
      role: 'authenticated',
      using: self + admin,
      with_check: self + admin,
      description: 'A person edits their own profile; the role column is not granted, so only set_user_role() changes roles.',
    },
  ];
}

export function rlsPolicies(model: DataModel): RlsPolicy[] {
  const policies: RlsPolicy[] = [];
  for (const table of model.tables) {
    if (table.kind === 'profiles') {
      policies.push(...profilePolicies(model));
      continue;
    }
    const read = readTerms(table, model);
    const insert = insertTerms(table, model);
    const update = writeTerms(table, model, 'update');
    const remove = writeTerms(table, model, 'delete');
    const rows = lower(pluralLabel(table.label));
    policies.push(
      { table: table.name, name: `${table.name}_select`, command: 'select', role: 'authenticated', using: anyOf(read), description: `Read ${rows}: ${whoSays(read)}.` },
      {
        table: table.name,
        name: `${table.name}_insert`,
        command: 'insert',
        role: 'authenticated',
        with_check: allOf(insert),
        description:
          table.kind === 'join' ? `Add ${rows}: ${insert[0]?.says ?? 'every signed-in person'}.` : insert.length > 0 ? `Add ${rows} when ${listing(insert.map((term) => term.says))}.` : `Any signed-in person adds ${rows}.`,
      },
      {
        table: table.name,
        name: `${table.name}_update`,
        command: 'update',
        role: 'authenticated',
        using: anyOf(update),
        with_check: anyOf(update),
        description: `Change ${rows}: ${whoSays(update)}.`,
      },
      { table: table.name, name: `${table.name}_delete`, command: 'delete', role: 'authenticated', using: anyOf(remove), description: `Delete ${rows}: ${whoSays(remove)}.` },
    );
  }
  return policies;
}
