import type { Entity, Relationship } from '../../contract/index.js';
import { isReserved, pluralName, sentence, singularName, snake, words } from '../naming.js';
import type { CapabilitySpec, EntitySpec, ProductModel, RelationshipSpec, RoleSpec } from '../model.js';
import { SYSTEM_COLUMNS, attributeColumn, columnName, type Column } from './columns.js';
import { literal } from './sql.js';
import { lower } from '../english.js';
import { LANE_NAMES, POSITION_COLUMNS, statedViews, type StatedView } from '../stated-views.js';
import { PARTICIPATION, PRIVATE, PRIVATE_SENSITIVE_COLUMNS, SENSITIVE_COLUMNS, columnNamedLike, namedLike } from './access-lexicon.js';

/**
 * The tables of the product: one per entity, one `profiles` table for every person whatever
 * their role, and join tables for many-to-many relationships. Access rules (rls.ts), the
 * migration and the documents are all written from this one structure.
 */

export const PROFILES = 'profiles';

export interface Table {
  name: string;
  kind: 'profiles' | 'entity' | 'join';
  /** Singular snake_case name of a row: `task`, `project_member`. */
  singular: string;
  label: string;
  description: string;
  columns: Column[];
  ownerColumn?: string;
  displayColumn: string;
  /** Column sets that are unique together (join tables). */
  uniques: string[][];
  /** CHECK constraints over several columns (a members row is a member or an invitation). */
  checks?: string[];
  /** The foreign key whose parent row decides who may see this row (tasks → projects). */
  parent?: { column: string; table: string };
  /** Columns that point at a person (an assignee, a rep) who may also see and update the row. */
  people: string[];
  /** The role of the person each of `people` names (`stylist_id` → stylist). */
  personRoles: Record<string, string>;
  /** A join table whose rows make people members of this table's rows. */
  membership?: { table: string; column: string; memberColumn: string };
  /** For a members table: the group table whose members it lists, and whose invitations it holds. */
  membersOf?: string;
  /** The rows are listed for the people who work with them (catalogues, listings, reference data). */
  sharedRead: boolean;
  /** Roles, neither staff nor creators, that use rows other people made (customers browsing salons). */
  users: string[];
  /** Private rows (bookings, orders, messages, medical records): their parties and privileged staff only. */
  private: boolean;
  /** Rows a person makes about another row (a rating, a booking): always their own. */
  participation: boolean;
  /** Columns only the parties of a row and privileged staff may read (a diagnosis, a home address). */
  sensitive: string[];
  /** Roles that create rows, from the spec. */
  creatorRoles: string[];
  /**
   * The role whose record this is (an entity named as a role: clients kept with their details,
   * some of whom sign in): `profile_id` links a row to its person's profile once they do, and
   * rows that reference it are that person's own.
   */
  recordOf?: string;
  entity?: EntitySpec;
}

/** The column of a role's record that links it to the person's profile, once they sign in. */
export const RECORD_PROFILE_COLUMN = 'profile_id';

/** The role a members table gives each member inside the group, besides their role in the product. */
export const MEMBER_ROLES = ['owner', 'admin', 'member'] as const;
/** Members who manage a group: invite, remove, change members' roles. */
export const MANAGING_MEMBER_ROLES = ['owner', 'admin'] as const;
/** A members row is an invitation until the invited person accepts it, then a member. */
export const MEMBER_STATUSES = ['invited', 'active'] as const;
/** How long an invitation may be accepted, from when it was sent (the row's created_at). */
export const INVITATION_DAYS = 14;

export interface DataModel {
  tables: Table[];
  relationships: Relationship[];
  roles: RoleSpec[];
  adminRoles: string[];
  defaultRole: string;
  /** Roles with power over other people's rows: administrators, managers, staff the model marks privileged. */
  privilegedRoles: string[];
  /** Roles a person may pick when signing up: self-service roles without privilege, and the default role. */
  selfServiceRoles: string[];
  /** Roles that give people their roles: the administrators, or else the other privileged roles. */
  appointerRoles: string[];
  /** Decisions a reader of the architecture should know about. */
  notes: string[];
}

const PEOPLE_WORDS = new Set(['user', 'profile', 'person', 'account']);

/** Roles that oversee others' work: appointed, never picked at sign-up. */
const SUPERVISOR_WORDS = new Set(['manager', 'supervisor', 'moderator', 'director']);

/** Roles most sign-ups have, so the safest default for a new person when the spec names no primary role. */
const CONSUMER_WORDS = new Set([
  'customer', 'client', 'member', 'buyer', 'reader', 'student', 'user', 'guest', 'patient', 'attendee',
  'subscriber', 'learner', 'player', 'participant', 'tenant', 'traveler', 'traveller', 'visitor', 'shopper', 'fan',
]);

/** Entity names that always mean the people who sign in, whatever the roles. */
const PEOPLE_TABLE_NAMES = new Set(['user', 'profile']);

/**
 * An entity that names people who sign in is rows of profiles, not a table: users, profiles, a
 * role's plural. (One named exactly as a role is that role's record, a table; an "account" or a
 * "person" kept as a record is a table too.)
 */
export function namesPeople(name: string, roleNames: ReadonlySet<string>): boolean {
  return (roleNames.has(singularName(name)) && !roleNames.has(name)) || PEOPLE_TABLE_NAMES.has(name);
}

/** Browsing, booking into or changing rows uses other people's; making or having rows of one's own does not. */
function usesOthersRows(capability: CapabilitySpec): boolean {
  return capability.verb !== 'create' && !/^(?:have|own)\b/.test(capability.text);
}

function fallbackRole(): RoleSpec {
  return { name: 'user', label: 'User', description: 'A signed-in person', primary: true, admin: false, privileged: false, selfSignup: true, capabilities: [] };
}

/** A relationship in words: "Each project has many tasks". */
function describe(spec: RelationshipSpec): string {
  const from = sentence(spec.from).toLowerCase();
  const to = words(pluralName(spec.to)).join(' ');
  if (spec.kind === 'many-to-many') return `Each ${from} has many ${to}, and the other way round`;
  if (spec.kind === 'one-to-one') return `Each ${from} has at most one ${sentence(spec.to).toLowerCase()}`;
  return `Each ${from} has many ${to}${spec.as ? ` (as ${sentence(spec.as).toLowerCase()})` : ''}`;
}

function rolesOf(model: ProductModel): RoleSpec[] {
  const seen = new Set<string>();
  const roles = model.roles
    .map((role) => ({ ...role, name: snake(role.name) }))
    .filter((role) => role.name !== '' && !seen.has(role.name) && seen.add(role.name));
  return roles.length > 0 ? roles : [fallbackRole()];
}

function timestamps(): Column[] {
  return [
    { name: 'created_at', type: 'timestamptz', nullable: false, default: 'now()', description: 'When the row was created' },
    { name: 'updated_at', type: 'timestamptz', nullable: false, default: 'now()', description: 'When the row last changed (set by a trigger)' },
  ];
}

const DISPLAY_NAMES = ['name', 'title', 'display_name', 'label', 'subject', 'code', 'sku', 'email'];

function displayColumnOf(columns: Column[]): string {
  const named = DISPLAY_NAMES.find((name) => columns.some((column) => column.name === name));
  if (named) return named;
  const text = columns.find((column) => column.type === 'text' && !column.references && !SYSTEM_COLUMNS.has(column.name));
  return text?.name ?? 'id';
}

function profilesTable(roles: RoleSpec[], defaultRole: string): Table {
  const names = roles.map((role) => role.name);
  const columns: Column[] = [
    { name: 'id', type: 'uuid', primary: true, references: 'auth.users.id', on_delete: 'cascade', description: 'The person’s Supabase Auth user id' },
    { name: 'display_name', type: 'text', nullable: true, description: 'Name shown to other people' },
    { name: 'avatar_url', type: 'text', nullable: true, description: 'Path of the avatar in Supabase Storage' },
    {
      name: 'role',
      type: 'text',
      nullable: false,
      default: `'${defaultRole}'`,
      enum_values: names,
      check: `role in (${names.map((name) => `'${name}'`).join(', ')})`,
      description: `What the person does in the product: ${names.join(', ')}`,
    },
    ...timestamps(),
  ];
  return {
    name: PROFILES,
    kind: 'profiles',
    singular: 'profile',
    label: 'Profile',
    description: `One row per signed-in person, whatever their role (${roles.map((role) => role.label).join(', ')})`,
    columns,
    displayColumn: 'display_name',
    uniques: [],
    people: [],
    personRoles: {},
    sharedRead: true,
    users: [],
    private: false,
    participation: false,
    sensitive: [],
    creatorRoles: [],
  };
}

function tableNameOf(entity: EntitySpec): string {
  const name = snake(entity.plural) || pluralName(snake(entity.name));
  // A plural that is still a reserved word would need quoting everywhere; a suffix keeps SQL plain.
  return isReserved(name) ? `${name}_records` : name.slice(0, 55);
}

function entityTable(entity: EntitySpec, relatedNames: Set<string>): Table {
  const singular = snake(entity.name);
  const participation = namedLike(singular, PARTICIPATION);
  const privateRows = namedLike(singular, PRIVATE);
  // Ratings, bookings and private records are always somebody's: the row names its creator.
  const owned = entity.owned || participation || privateRows;
  const columns: Column[] = [{ name: 'id', type: 'uuid', primary: true, default: 'gen_random_uuid()', description: 'Primary key' }];
  const taken = new Set(['id', 'created_at', 'updated_at', 'owner_id']);
  for (const attribute of entity.attributes) {
    const name = columnName(attribute.name);
    // A related entity's name as an attribute ("project" on a task) is the foreign key, added later.
    if (name === '' || taken.has(name) || SYSTEM_COLUMNS.has(name) || relatedNames.has(name)) continue;
    taken.add(name);
    columns.push(attributeColumn(attribute, name));
  }
  if (owned) {
    columns.push({
      name: 'owner_id',
      type: 'uuid',
      nullable: false,
      default: 'auth.uid()',
      references: 'auth.users.id',
      on_delete: 'cascade',
      description: 'The person who created the row',
    });
  }
  columns.push(...timestamps());
  const table: Table = {
    name: tableNameOf(entity),
    kind: 'entity',
    singular,
    label: entity.label || sentence(entity.name),
    description: entity.description || `${sentence(entity.name)} records`,
    columns,
    displayColumn: displayColumnOf(columns),
    uniques: [],
    people: [],
    personRoles: {},
    sharedRead: false,
    users: [],
    private: privateRows,
    participation,
    sensitive: [],
    creatorRoles: entity.createdBy.map(snake),
    entity,
  };
  if (owned) table.ownerColumn = 'owner_id';
  return table;
}

/** Makes a table the role's record: an optional, unique link to the person's profile, who is one of its people. */
function recordTable(table: Table, role: string): void {
  addColumn(table, {
    name: RECORD_PROFILE_COLUMN,
    type: 'uuid',
    nullable: true,
    unique: true,
    references: `${PROFILES}.id`,
    on_delete: 'set null',
    description: `The ${sentence(role).toLowerCase()}'s profile, once they sign in; empty for one who does not`,
  });
  table.people.push(RECORD_PROFILE_COLUMN);
  table.personRoles[RECORD_PROFILE_COLUMN] = role;
  table.recordOf = role;
}

/** Inserts a column before owner_id/created_at so that keys sit with the data they describe. */
function addColumn(table: Table, column: Column): boolean {
  if (table.columns.some((existing) => existing.name === column.name)) return false;
  const at = table.columns.findIndex((existing) => existing.name === 'owner_id' || existing.name === 'created_at');
  table.columns.splice(at < 0 ? table.columns.length : at, 0, column);
  return true;
}

function foreignKey(name: string, table: string, required: boolean, description: string): Column {
  return {
    name,
    type: 'uuid',
    nullable: !required,
    references: `${table}.id`,
    on_delete: required ? 'cascade' : 'set null',
    description,
  };
}

type End = { kind: 'table'; table: Table } | { kind: 'person'; role: string };

export function buildDataModel(model: ProductModel): DataModel {
  const roles = rolesOf(model);
  const roleNames = new Set(roles.map((role) => role.name));
  const adminRoles = roles.filter((role) => role.admin).map((role) => role.name);
  const powerless = (role: RoleSpec) => !role.admin && !role.privileged && !words(role.name).some((word) => SUPERVISOR_WORDS.has(word));
  const defaultRole = (
    roles.find((role) => role.primary && powerless(role)) ??
    roles.find((role) => powerless(role) && words(role.name).some((word) => CONSUMER_WORDS.has(word))) ??
    roles.find((role) => powerless(role) && role.selfSignup) ??
    roles.find(powerless) ??
    roles.find((role) => !role.admin) ??
    roles[0] ??
    fallbackRole()
  ).name;
  const supervising = roles.filter((role) => !role.admin && words(role.name).some((word) => SUPERVISOR_WORDS.has(word))).map((role) => role.name);
  // A role that oversees others is privileged even when the model forgot to say so.
  const privilegedRoles = roles.filter((role) => role.admin || role.privileged || supervising.includes(role.name)).map((role) => role.name);
  // Nobody signs themselves up into power: only self-service roles without privilege, and the default role.
  const selfServiceRoles = roles
    .filter((role) => role.name === defaultRole || (role.selfSignup && !privilegedRoles.includes(role.name)))
    .map((role) => role.name);
  const appointerRoles = adminRoles.length > 0 ? adminRoles : privilegedRoles.filter((name) => name !== defaultRole);
  const notes: string[] = [];

  const isPerson = (name: string): boolean => roleNames.has(name) || PEOPLE_WORDS.has(name) || roleNames.has(singularName(name));
  const entityNames = new Set(model.entities.map((entity) => snake(entity.name)));
  const tables: Table[] = [profilesTable(roles, defaultRole)];
  const byEntity = new Map<string, Table>();

  for (const entity of model.entities) {
    const name = snake(entity.name);
    if (name === '' || byEntity.has(name)) continue;
    // An entity named exactly as a role is that role's record: people kept with their details, who may sign in.
    if (roleNames.has(name) && !PEOPLE_TABLE_NAMES.has(name)) {
      const table = entityTable(entity, entityNames);
      if (tables.some((existing) => existing.name === table.name)) continue;
      recordTable(table, name);
      tables.push(table);
      byEntity.set(name, table);
      notes.push(
        `${entity.pluralLabel} are kept as records (\`${table.name}\`) and sign in as ${name}: \`${table.name}.${RECORD_PROFILE_COLUMN}\` links a record to the person's profile once they do (privileged staff set it), and what references the record is theirs to see.`,
      );
      continue;
    }
    if (namesPeople(name, roleNames)) {
      notes.push(`${entity.pluralLabel} are people: they are rows of \`profiles\` with their role, not a table of their own.`);
      continue;
    }
    const table = entityTable(entity, entityNames);
    if (tables.some((existing) => existing.name === table.name)) continue;
    tables.push(table);
    byEntity.set(name, table);
  }

  const endOf = (raw: string): End | undefined => {
    const name = singularName(snake(raw));
    const table = byEntity.get(name) ?? byEntity.get(snake(raw));
    if (table) return { kind: 'table', table };
    if (isPerson(name)) return { kind: 'person', role: name };
    return undefined;
  };

  // Containment edges (child → parent) decide visibility; a cycle would make policies recurse.
  const reaches = (from: Table, target: Table): boolean => {
    for (let current: Table | undefined = from; current; ) {
      if (current === target) return true;
      const parent: string | undefined = current.parent?.table;
      current = parent ? tables.find((table) => table.name === parent) : undefined;
    }
    return false;
  };

  // Required references from one table that lead to another (rooms → room types → minibars): a
  // required one back would close a circle in which no row could be the first.
  const requires = (from: Table, target: Table, seen = new Set<Table>()): boolean => {
    if (from === target) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return from.columns.some((column) => {
      if (column.primary || column.nullable !== false || !column.references) return false;
      const next = tables.find((table) => `${table.name}.id` === column.references);
      return next !== undefined && requires(next, target, seen);
    });
  };

  const belonging = belongingByRules(model, byEntity, roleNames);
  for (const { group } of belonging) {
    // Someone runs a group: its creator, its first member and owner. Decided before the
    // relationships, since a group's rows contain what belongs to it.
    if (group.ownerColumn) continue;
    addColumn(group, { name: 'owner_id', type: 'uuid', nullable: false, default: 'auth.uid()', references: 'auth.users.id', on_delete: 'cascade', description: 'The person who created the row' });
    group.ownerColumn = 'owner_id';
  }

  const relationships: Relationship[] = [];
  const relate = (relationship: Relationship) => {
    const key = `${relationship.from}|${relationship.to}|${relationship.type}`;
    if (!relationships.some((existing) => `${existing.from}|${existing.to}|${existing.type}` === key)) relationships.push(relationship);
  };

  const joinTable = (name: string, sides: Array<{ column: string; table: string; label: string }>, description: string): Table | undefined => {
    const existing = tables.find((table) => table.name === name);
    if (existing) return existing.kind === 'join' ? existing : undefined;
    const columns: Column[] = [
      { name: 'id', type: 'uuid', primary: true, default: 'gen_random_uuid()', description: 'Primary key' },
      ...sides.map((side) => foreignKey(side.column, side.table, true, `The ${side.label}`)),
      ...timestamps(),
    ];
    const table: Table = {
      name,
      kind: 'join',
      singular: singularName(name),
      label: sentence(singularName(name)),
      description,
      columns,
      displayColumn: 'id',
      uniques: [sides.map((side) => side.column)],
      people: [],
      personRoles: {},
      sharedRead: false,
      users: [],
      private: false,
      participation: false,
      sensitive: [],
      creatorRoles: [],
    };
    tables.push(table);
    return table;
  };

  const personColumn = (role: string, as: string | undefined): string => `${columnName(as ?? role)}_id`;

  for (const spec of model.relationships) {
    const from = endOf(spec.from);
    const to = endOf(spec.to);
    if (!from || !to) {
      notes.push(`The relationship between ${spec.from} and ${spec.to} names something that is neither an entity nor a role; it is left out.`);
      continue;
    }
    if (from.kind === 'person' && to.kind === 'person') {
      if (spec.kind === 'many-to-many' && from.role === to.role) relatePeers(from.role, spec);
      continue;
    }
    if (from.kind === 'table' && to.kind === 'table') relateTables(from.table, to.table, spec);
    else if (from.kind === 'person' && to.kind === 'table') {
      if (spec.kind === 'many-to-many') relateMembers(to.table, from.role, spec);
      else relatePerson(to.table, from.role, spec);
    } else if (from.kind === 'table' && to.kind === 'person') {
      if (spec.kind === 'many-to-many') relateMembers(from.table, to.role, spec);
      else relatePersonNamed(from.table, to.role, spec);
    }
  }

  function relateTables(parent: Table, child: Table, spec: RelationshipSpec): void {
    if (spec.kind === 'many-to-many') {
      const through = spec.through ? snake(spec.through) : '';
      const throughTable = through ? byEntity.get(through) : undefined;
      const sides = [
        { column: `${parent.singular}_id`, table: parent.name, label: lower(parent.label) },
        { column: `${child.singular}_id`, table: child.name, label: lower(child.label) },
      ];
      if (throughTable && throughTable !== parent && throughTable !== child) {
        // The spec already names the link as an entity (an order item between order and product).
        for (const side of sides) addColumn(throughTable, foreignKey(side.column, side.table, true, `The ${side.label}`));
        throughTable.parent ??= { column: sides[0]!.column, table: parent.name };
        relate({ from: parent.name, to: child.name, type: 'many-to-many', through: throughTable.name, description: describe(spec) });
        return;
      }
      const name = through ? pluralName(through) : `${parent.singular}_${child.name}`;
      const join = joinTable(name, sides, `Links ${parent.name} and ${child.name}`);
      if (!join) return;
      join.parent = { column: sides[0]!.column, table: parent.name };
      relate({ from: parent.name, to: child.name, type: 'many-to-many', through: join.name, description: describe(spec) });
      return;
    }
    if (parent === child) {
      const column = `parent_${child.singular}_id`;
      addColumn(child, foreignKey(column, child.name, false, `The ${lower(child.label)} this one belongs to, if any`));
      relate({ from: parent.name, to: child.name, type: spec.kind, description: describe(spec) });
      return;
    }
    // A parent nobody owns (a category, a tag) is reference data: deleting it must not delete children.
    const contains = Boolean(parent.ownerColumn || parent.parent) && !reaches(parent, child) && !requires(parent, child);
    const column = foreignKey(`${parent.singular}_id`, parent.name, contains, `The ${lower(parent.label)} this ${lower(child.label)} belongs to`);
    if (spec.kind === 'one-to-one') column.unique = true;
    if (!addColumn(child, column)) return;
    if (contains && !child.parent) child.parent = { column: column.name, table: parent.name };
    relate({ from: parent.name, to: child.name, type: spec.kind, description: describe(spec) });
  }

  function relateMembers(entity: Table, role: string | undefined, spec: RelationshipSpec | undefined): void {
    const memberColumn = `${columnName(role ?? 'member')}_id`;
    const declared = spec?.through ? byEntity.get(snake(spec.through)) : undefined;
    if (declared && declared !== entity && role) {
      // The model declares the link with details of its own (a stylist's price for a service): each
      // row is its person's, who adds and keeps it, under the entity's row; not a members table.
      addColumn(declared, foreignKey(`${entity.singular}_id`, entity.name, true, `The ${lower(entity.label)}`));
      if (!declared.ownerColumn && addColumn(declared, { ...foreignKey(memberColumn, PROFILES, true, `The ${sentence(role).toLowerCase()} whose row it is`), default: 'auth.uid()' })) {
        declared.ownerColumn = memberColumn;
        declared.personRoles[memberColumn] = role;
        if (declared.creatorRoles.length === 0) declared.creatorRoles = [role];
      }
      declared.parent ??= { column: `${entity.singular}_id`, table: entity.name };
      relate({ from: entity.name, to: PROFILES, type: 'many-to-many', through: declared.name, description: describe(spec!) });
      return;
    }
    const name = spec?.through ? pluralName(snake(spec.through)) : `${entity.singular}_${pluralName(columnName(role ?? 'member'))}`;
    const join = joinTable(
      name,
      [
        { column: `${entity.singular}_id`, table: entity.name, label: lower(entity.label) },
        { column: memberColumn, table: PROFILES, label: `${sentence(role ?? 'member').toLowerCase()} (a profile)` },
      ],
      role ? `Makes people (${role}) members of ${entity.name}` : `The members of each ${lower(entity.label)}, with their role in it`,
    );
    if (!join) return;
    join.parent = { column: `${entity.singular}_id`, table: entity.name };
    join.people.push(memberColumn);
    if (role) join.personRoles[memberColumn] = role;
    if (!entity.membership) {
      entity.membership = { table: join.name, column: `${entity.singular}_id`, memberColumn };
      join.membersOf = entity.name;
      membersColumns(join, entity, memberColumn);
    }
    relate({ from: entity.name, to: PROFILES, type: 'many-to-many', through: join.name, ...(spec ? { description: describe(spec) } : {}) });
  }

  /**
   * "Members follow other members": people joined to people of their own kind. The joining record
   * (a follow) is its creator's, and names the other person (\`followed_id\`); without one, a join
   * table of profiles to profiles.
   */
  function relatePeers(role: string, spec: RelationshipSpec): void {
    const other = `${columnName(spec.as ?? `other_${role}`)}_id`;
    const declared = spec.through ? byEntity.get(snake(spec.through)) : undefined;
    const table =
      declared ??
      joinTable(
        pluralName(`${columnName(role)}_${columnName(spec.as ?? 'link')}`),
        [
          { column: `${columnName(role)}_id`, table: PROFILES, label: `${sentence(role).toLowerCase()} (a profile)` },
          { column: other, table: PROFILES, label: `other ${sentence(role).toLowerCase()} (a profile)` },
        ],
        `Links people (${role}) to other ${pluralName(role).replace(/_/g, ' ')}`,
      );
    if (!table) return;
    if (declared && !addColumn(declared, foreignKey(other, PROFILES, true, `The other ${sentence(role).toLowerCase()}`))) return;
    // One follow of one person by another.
    if (declared?.ownerColumn) declared.uniques.push([declared.ownerColumn, other]);
    table.people.push(other);
    table.personRoles[other] = role;
    relate({ from: PROFILES, to: PROFILES, type: 'many-to-many', through: table.name, description: describe(spec) });
  }

  function relatePerson(entity: Table, role: string, spec: RelationshipSpec): void {
    const name = personColumn(role, spec.as);
    // "Reps own deals", "readers comment": the person is the row's creator, already in owner_id.
    if (!spec.as && entity.ownerColumn && (entity.creatorRoles.length === 0 || entity.creatorRoles.includes(role))) {
      relate({ from: PROFILES, to: entity.name, type: spec.kind, description: `${describe(spec)} (\`${entity.ownerColumn}\`)` });
      return;
    }
    const column = foreignKey(
      name,
      PROFILES,
      false,
      spec.as === 'assignee' ? 'The person the row is assigned to' : `The ${sentence(spec.as ?? role).toLowerCase()} responsible`,
    );
    if (!addColumn(entity, column)) return;
    entity.people.push(name);
    entity.personRoles[name] = role;
    relate({ from: PROFILES, to: entity.name, type: spec.kind, description: describe(spec) });
  }

  /**
   * "An appointment has many physios" cannot be a column of profiles: a row of the entity names
   * one person of the role (appointments.physio_id), whoever created it. Only a many-to-many makes
   * people members of the entity's rows.
   */
  function relatePersonNamed(entity: Table, role: string, spec: RelationshipSpec): void {
    const name = personColumn(role, spec.as);
    const column = foreignKey(name, PROFILES, false, `The ${sentence(spec.as ?? role).toLowerCase()} of the ${lower(entity.label)}`);
    if (!addColumn(entity, column)) return;
    entity.people.push(name);
    entity.personRoles[name] = role;
    const reversed: RelationshipSpec = { ...spec, from: role, to: entity.singular, kind: 'one-to-many' };
    relate({ from: PROFILES, to: entity.name, type: 'one-to-many', description: describe(reversed) });
    notes.push(
      `${sentence(spec.from)} → ${spec.to} (${spec.kind}) is read as each ${lower(entity.label)} naming one ${sentence(spec.as ?? role).toLowerCase()} (\`${entity.name}.${name}\`): ${pluralName(role).replace(/_/g, ' ')} are people, rows of \`profiles\`. Make it many-to-many to give ${entity.name} members.`,
    );
  }

  // Every row someone creates is linked to its creator: a relationship of the data model like any other.
  for (const table of tables) {
    if (table.kind !== 'entity' || !table.ownerColumn || relationships.some((r) => r.from === PROFILES && r.to === table.name && r.type === 'one-to-many')) continue;
    relate({ from: PROFILES, to: table.name, type: 'one-to-many', description: `Each person who signs in creates many ${words(table.name).join(' ')} (\`${table.ownerColumn}\`)` });
  }

  for (const { group, role, entity } of belonging) {
    if (group.membership) continue;
    relateMembers(group, undefined, undefined);
    notes.push(`${group.name} have members (\`${group.membership!.table}\`): ${pluralName(role).replace(/_/g, ' ')} reach ${pluralName(entity).replace(/_/g, ' ')} through the ${lower(group.label)} they belong to.`);
  }

  viewColumns(statedViews(model.features, [...byEntity.keys()]), byEntity, notes);

  for (const table of tables) {
    if (table.kind !== 'entity' || !table.entity) continue;
    table.displayColumn = displayColumnOf(table.columns);
    const spec = table.entity;
    // Someone other than the creators works with these rows (customers browse salons): shared reading.
    // Staff handling them (a coordinator assigning repairs) see every row anyway, and people making or
    // having rows of their own ("landlords have flats") use nobody else's: neither shares them.
    // A role the idea says reads its own ("owners see their unit") uses nobody else's either.
    table.users = roles
      .filter(
        (role) =>
          !role.admin &&
          !role.privileged &&
          !table.creatorRoles.includes(role.name) &&
          !model.access.some((rule) => snake(rule.role) === role.name && snake(rule.entity) === spec.name && rule.actions.includes('read')) &&
          role.capabilities.some((capability) => capability.entity && snake(capability.entity) === snake(spec.name) && usesOthersRows(capability)),
      )
      .map((role) => role.name);
    const owned = table.ownerColumn !== undefined;
    table.sharedRead = !table.private && ((owned && table.users.length > 0) || (!owned && !table.parent));
    table.sensitive = table.columns
      .filter((column) => !column.references && (columnNamedLike(column.name, SENSITIVE_COLUMNS) || (table.private && columnNamedLike(column.name, PRIVATE_SENSITIVE_COLUMNS))))
      .map((column) => column.name);
    const why = table.participation ? 'rows of their own' : table.private ? 'private rows' : table.membership ? 'groups people create' : undefined;
    if (owned && !spec.owned && why) {
      notes.push(`${spec.pluralLabel} are ${why}: each has its creator in \`${table.ownerColumn}\`${table.private ? ' and is seen only by its people and privileged staff' : ''}.`);
    }
  }

  return { tables, relationships, roles, adminRoles, defaultRole, privilegedRoles, selfServiceRoles, appointerRoles, notes };
}

/** A board's lanes when the idea states a board but names no status: the usual three. */
const BOARD_LANES = ['to_do', 'in_progress', 'done'];

/**
 * What the views the idea states need of their tables, where the entity lacks it: a floor plan
 * places each row at a grid column and row, a board moves rows between the values of a status,
 * a calendar puts each row on a day.
 */
function viewColumns(views: StatedView[], byEntity: Map<string, Table>, notes: string[]): void {
  for (const view of views) {
    const table = view.entity ? byEntity.get(view.entity) : undefined;
    if (!table) continue;
    const label = lower(table.label);
    if (view.kind === 'floor_plan') {
      const added = [
        { name: POSITION_COLUMNS.x, description: `Column of the ${label} on the floor plan, from 0 at the left` },
        { name: POSITION_COLUMNS.y, description: `Row of the ${label} on the floor plan, from 0 at the top` },
      ].filter((column) => addColumn(table, { ...column, type: 'integer', nullable: true, check: `${column.name} between 0 and 99` }));
      if (added.length > 0) notes.push(`The idea asks for a floor plan of ${table.name}: each ${label} has its place on a grid (\`${POSITION_COLUMNS.x}\`, \`${POSITION_COLUMNS.y}\`).`);
    } else if (view.kind === 'board') {
      if (table.columns.some((column) => column.enum_values && LANE_NAMES.test(column.name))) continue;
      const added = addColumn(table, {
        name: 'status',
        type: 'text',
        nullable: false,
        default: literal(BOARD_LANES[0]!),
        enum_values: BOARD_LANES,
        check: `status in (${BOARD_LANES.map(literal).join(', ')})`,
        description: `Status of the ${label}, a lane of the board: ${BOARD_LANES.join(', ')}`,
      });
      if (added) notes.push(`The idea asks for a board of ${table.name}: each ${label} has a status (${BOARD_LANES.join(', ')}), a lane of the board.`);
    } else if (view.kind === 'calendar') {
      if (table.columns.some((column) => (column.type === 'date' || column.type === 'timestamptz') && !SYSTEM_COLUMNS.has(column.name))) continue;
      if (addColumn(table, { name: 'starts_at', type: 'timestamptz', nullable: true, description: `When the ${label} takes place, its day on the calendar` })) {
        notes.push(`The idea asks for a calendar of ${table.name}: each ${label} has a date and time (\`starts_at\`).`);
      }
    }
  }
}

/**
 * Entities people belong to by the access rules: a rule reaches rows `related` through an entity
 * for a role that is not already one of its people (it does not own the entity's rows, and no
 * relationship of the model ties the role to the entity). A name alone makes no group.
 */
function belongingByRules(model: ProductModel, byEntity: Map<string, Table>, roleNames: Set<string>): Array<{ group: Table; role: string; entity: string }> {
  const found: Array<{ group: Table; role: string; entity: string }> = [];
  const names = (raw: string, name: string) => singularName(snake(raw)) === name || snake(raw) === name;
  for (const rule of model.access) {
    if (rule.scope !== 'related' || !rule.via) continue;
    const group = byEntity.get(singularName(snake(rule.via))) ?? byEntity.get(snake(rule.via));
    const role = snake(rule.role);
    if (!group || !roleNames.has(role) || found.some((known) => known.group === group)) continue;
    const owns = group.ownerColumn !== undefined && group.creatorRoles.includes(role);
    const tied = model.relationships.some(
      (spec) => (names(spec.from, role) && names(spec.to, group.singular)) || (names(spec.from, group.singular) && names(spec.to, role)),
    );
    if (!owns && !tied) found.push({ group, role, entity: snake(rule.entity) });
  }
  return found;
}

/**
 * A group's members table holds its invitations too: a row is `invited` (an email address, no
 * person yet) until the invited person accepts it with accept_<group>_invitation(), then `active`.
 */
function membersColumns(members: Table, group: Table, memberColumn: string): void {
  const person = members.columns.find((column) => column.name === memberColumn)!;
  // An invitation names nobody yet; a person who leaves Supabase Auth leaves their groups.
  Object.assign(person, { nullable: true, on_delete: 'cascade', description: `${person.description}; empty while the row is an invitation` });
  const label = lower(group.label);
  const columns: Column[] = [
    {
      name: 'member_role',
      type: 'text',
      nullable: false,
      default: literal('member'),
      enum_values: [...MEMBER_ROLES],
      check: `member_role in (${MEMBER_ROLES.map(literal).join(', ')})`,
      description: `The member's role in the ${label}: ${MEMBER_ROLES.join(', ')} (owners and admins manage the members)`,
    },
    {
      name: 'status',
      type: 'text',
      nullable: false,
      default: literal('active'),
      enum_values: [...MEMBER_STATUSES],
      check: `status in (${MEMBER_STATUSES.map(literal).join(', ')})`,
      description: `invited: an invitation to invited_email, which its person accepts within ${INVITATION_DAYS} days with accept_${group.singular}_invitation(); active: a member`,
    },
    { name: 'invited_email', type: 'text', nullable: true, check: "invited_email ~* '^[^@\\s]+@[^@\\s]+$'", description: 'Email address an invitation was sent to' },
    { name: 'invited_by', type: 'uuid', nullable: true, default: 'auth.uid()', references: 'auth.users.id', on_delete: 'set null', description: 'Who invited or added the person' },
    { name: 'accepted_at', type: 'timestamptz', nullable: true, description: 'When the invitation was accepted' },
  ];
  for (const column of columns) addColumn(members, column);
  const groupColumn = members.columns.find((column) => column.references === `${group.name}.id`)!.name;
  members.uniques.push([groupColumn, 'invited_email']);
  members.checks = [`(status = 'active' and ${memberColumn} is not null) or (status = 'invited' and ${memberColumn} is null and invited_email is not null)`];
  members.description = `${members.description}, and the invitations to join`;
}

/** The table the product is mostly about: the entity the spec mentions most (the first on a tie). */
export function coreTable(data: DataModel): Table | undefined {
  let core: Table | undefined;
  for (const table of data.tables) {
    if (table.kind !== 'entity') continue;
    if (!core || (table.entity?.mentions ?? 0) > (core.entity?.mentions ?? 0)) core = table;
  }
  return core;
}

/** The contract's view of a table: the Field shape without the DDL-only details. */
export function contractEntity(table: Table): Entity {
  const entity: Entity = {
    name: table.name,
    description: table.description,
    fields: table.columns.map(({ check: _check, on_delete: _onDelete, ...field }) => field),
    display_field: table.displayColumn,
  };
  if (table.ownerColumn) entity.owner_field = table.ownerColumn;
  if (table.kind === 'join') entity.join_table = true;
  return entity;
}
