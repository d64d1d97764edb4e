import type { Entity, Relationship } from '../../contract/index.js';
import { isReserved, pluralName, sentence, singularName, snake, words } from '../naming.js';
import type { EntitySpec, ProductModel, RelationshipSpec, RoleSpec } from '../model.js';
import { SYSTEM_COLUMNS, attributeColumn, columnName, type Column } from './columns.js';
import { literal } from './sql.js';
import { lower } from '../english.js';
import { GROUPS, PARTICIPATION, PRIVATE, PRIVATE_SENSITIVE_COLUMNS, SENSITIVE_COLUMNS, columnNamedLike, namedLike } from './access-lexicon.js';

/**
 * The tables of the product: one per entity, one `profiles` table for every person whatever
 * their role, and join tables for many-to-many relationships. Access rules (rls.ts), the
 * migration and the documents are all written from this one structure.
 */

export const PROFILES = 'profiles';

export interface Table {
  name: string;
  /** `invitation`: invitations to a group's members table, or to a role of the product. */
  kind: 'profiles' | 'entity' | 'join' | 'invitation';
  /** Singular snake_case name of a row: `task`, `project_member`. */
  singular: string;
  label: string;
  description: string;
  columns: Column[];
  ownerColumn?: string;
  displayColumn: string;
  /** Column sets that are unique together (join tables). */
  uniques: string[][];
  /** The foreign key whose parent row decides who may see this row (tasks → projects). */
  parent?: { column: string; table: string };
  /** Columns that point at a person (an assignee, a rep) who may also see and update the row. */
  people: string[];
  /** The role of the person each of `people` names (`stylist_id` → stylist). */
  personRoles: Record<string, string>;
  /** A join table whose rows make people members of this table's rows. */
  membership?: { table: string; column: string; memberColumn: string };
  /** For a members table: the group table whose members it lists. */
  membersOf?: string;
  /** For an invitation table: the group table it invites to; none for invitations to a role. */
  invitesTo?: string;
  /** Every signed-in person may read the rows (catalogues, listings, reference data). */
  sharedRead: boolean;
  /** Private rows (bookings, orders, messages, medical records): their parties and privileged staff only. */
  private: boolean;
  /** Rows a person makes about another row (a rating, a booking): always their own. */
  participation: boolean;
  /** Columns only the parties of a row and privileged staff may read (a diagnosis, a home address). */
  sensitive: string[];
  /** Roles that create rows, from the spec. */
  creatorRoles: string[];
  entity?: EntitySpec;
}

/** The role a members table gives each member inside the group, besides their role in the product. */
export const MEMBER_ROLES = ['owner', 'admin', 'member'] as const;
/** Members who manage a group: invite, remove, change members' roles. */
export const MANAGING_MEMBER_ROLES = ['owner', 'admin'] as const;
export const ROLE_INVITATIONS = 'role_invitations';

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
  // Ratings, bookings, private records and groups are always somebody's: the row names its creator.
  const owned = entity.owned || participation || privateRows || namedLike(singular, GROUPS);
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
    private: privateRows,
    participation,
    sensitive: [],
    creatorRoles: entity.createdBy.map(snake),
    entity,
  };
  if (owned) table.ownerColumn = 'owner_id';
  return table;
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

  // An entity is a table unless it names people who sign in: an "account" or a "person" kept as a record is a table.
  const signsIn = (name: string): boolean => roleNames.has(name) || roleNames.has(singularName(name)) || name === 'user' || name === 'profile';
  for (const entity of model.entities) {
    const name = snake(entity.name);
    if (name === '' || byEntity.has(name)) continue;
    if (signsIn(name)) {
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
    if (from.kind === 'person' && to.kind === 'person') continue;
    if (from.kind === 'table' && to.kind === 'table') relateTables(from.table, to.table, spec);
    else if (spec.kind === 'many-to-many' || from.kind === 'table') {
      const entity = from.kind === 'table' ? from.table : to.kind === 'table' ? to.table : undefined;
      const role = from.kind === 'person' ? from.role : to.kind === 'person' ? to.role : undefined;
      if (entity && role) relateMembers(entity, role, spec);
    } else if (to.kind === 'table') {
      relatePerson(to.table, from.kind === 'person' ? from.role : 'user', spec);
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
    const contains = Boolean(parent.ownerColumn || parent.parent) && !reaches(parent, child);
    const column = foreignKey(`${parent.singular}_id`, parent.name, contains, `The ${lower(parent.label)} this ${lower(child.label)} belongs to`);
    if (spec.kind === 'one-to-one') column.unique = true;
    if (!addColumn(child, column)) return;
    if (contains && !child.parent) child.parent = { column: column.name, table: parent.name };
    relate({ from: parent.name, to: child.name, type: spec.kind, description: describe(spec) });
  }

  function relateMembers(entity: Table, role: string | undefined, spec: RelationshipSpec | undefined): void {
    const memberColumn = `${columnName(role ?? 'member')}_id`;
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
      addColumn(join, {
        name: 'member_role',
        type: 'text',
        nullable: false,
        default: literal('member'),
        enum_values: [...MEMBER_ROLES],
        check: `member_role in (${MEMBER_ROLES.map(literal).join(', ')})`,
        description: `The member's role in the ${lower(entity.label)}: ${MEMBER_ROLES.join(', ')} (owners and admins manage the members)`,
      });
    }
    relate({ from: entity.name, to: PROFILES, type: 'many-to-many', through: join.name, ...(spec ? { description: describe(spec) } : {}) });
  }

  function relatePerson(entity: Table, role: string, spec: RelationshipSpec): void {
    const name = personColumn(role, spec.as);
    // "Reps own deals", "readers comment": the person is the row's creator, already in owner_id.
    if (!spec.as && entity.ownerColumn && (entity.creatorRoles.length === 0 || entity.creatorRoles.includes(role))) return;
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

  // Teams, workspaces, households...: people work together inside them, so they have members.
  for (const table of [...tables]) {
    if (table.kind === 'entity' && !table.membership && namedLike(table.singular, GROUPS)) relateMembers(table, undefined, undefined);
  }

  for (const table of tables) {
    if (table.kind !== 'entity' || !table.entity) continue;
    table.displayColumn = displayColumnOf(table.columns);
    const spec = table.entity;
    // Someone other than the creators works with these rows (customers browse salons): shared reading.
    const usedByOthers = roles.some(
      (role) => !role.admin && !table.creatorRoles.includes(role.name) && role.capabilities.some((capability) => capability.entity && snake(capability.entity) === snake(spec.name)),
    );
    const owned = table.ownerColumn !== undefined;
    table.sharedRead = !table.private && ((owned && usedByOthers) || (!owned && !table.parent));
    table.sensitive = table.columns
      .filter((column) => !column.references && (columnNamedLike(column.name, SENSITIVE_COLUMNS) || (table.private && columnNamedLike(column.name, PRIVATE_SENSITIVE_COLUMNS))))
      .map((column) => column.name);
    if (owned && !spec.owned) {
      notes.push(
        `${spec.pluralLabel} are ${table.participation ? 'rows of their own' : table.private ? 'private rows' : 'groups people create'}: each has its creator in \`owner_id\`${table.private ? ' and is seen only by its people and privileged staff' : ''}.`,
      );
    }
  }

  for (const group of tables.filter((table) => table.membership)) tables.push(invitationTable(group));
  const invitedRoles = roles.filter((role) => !selfServiceRoles.includes(role.name)).map((role) => role.name);
  if (invitedRoles.length > 0 && appointerRoles.length > 0) tables.push(roleInvitationTable(invitedRoles));

  return { tables, relationships, roles, adminRoles, defaultRole, privilegedRoles, selfServiceRoles, appointerRoles, notes };
}

function invitationColumns(): Column[] {
  return [
    { name: 'email', type: 'text', nullable: false, check: "email ~* '^[^@\\s]+@[^@\\s]+$'", description: 'Email address of the person invited' },
    { name: 'token', type: 'uuid', nullable: false, unique: true, default: 'gen_random_uuid()', description: 'Secret of the invitation link; accepting needs it' },
    { name: 'invited_by', type: 'uuid', nullable: false, default: 'auth.uid()', references: 'auth.users.id', on_delete: 'cascade', description: 'Who sent the invitation' },
    { name: 'accepted_at', type: 'timestamptz', nullable: true, description: 'When it was accepted; an invitation is used once' },
    { name: 'expires_at', type: 'timestamptz', nullable: false, default: "now() + interval '14 days'", description: 'After this it can no longer be accepted' },
  ];
}

/** Invitations to a group: managers invite by email, the invitee accepts with the link's token. */
function invitationTable(group: Table): Table {
  const column = `${group.singular}_id`;
  const columns: Column[] = [
    { name: 'id', type: 'uuid', primary: true, default: 'gen_random_uuid()', description: 'Primary key' },
    foreignKey(column, group.name, true, `The ${lower(group.label)} the person is invited to`),
    ...invitationColumns(),
    {
      name: 'member_role',
      type: 'text',
      nullable: false,
      default: literal('member'),
      enum_values: [...MEMBER_ROLES],
      check: `member_role in (${MEMBER_ROLES.map(literal).join(', ')})`,
      description: `The role the person will have in the ${lower(group.label)}`,
    },
    ...timestamps(),
  ];
  return {
    name: `${group.singular}_invitations`,
    kind: 'invitation',
    singular: `${group.singular}_invitation`,
    label: `${sentence(group.singular)} invitation`,
    description: `Invitations to join a ${lower(group.label)}, accepted with accept_${group.singular}_invitation(token)`,
    columns,
    displayColumn: 'email',
    uniques: [],
    parent: { column, table: group.name },
    invitesTo: group.name,
    people: [],
    personRoles: {},
    sharedRead: false,
    private: true,
    participation: false,
    sensitive: [],
    creatorRoles: [],
  };
}

/** Invitations to a role nobody may pick at sign-up: sent by those who give roles, accepted with accept_role_invitation(token). */
function roleInvitationTable(invitedRoles: string[]): Table {
  return {
    name: ROLE_INVITATIONS,
    kind: 'invitation',
    singular: 'role_invitation',
    label: 'Role invitation',
    description: `Invitations to a role people cannot pick at sign-up (${invitedRoles.join(', ')}), accepted with accept_role_invitation(token)`,
    columns: [
      { name: 'id', type: 'uuid', primary: true, default: 'gen_random_uuid()', description: 'Primary key' },
      ...invitationColumns(),
      {
        name: 'role',
        type: 'text',
        nullable: false,
        enum_values: invitedRoles,
        check: `role in (${invitedRoles.map(literal).join(', ')})`,
        description: `The role the person will have: ${invitedRoles.join(', ')}`,
      },
      ...timestamps(),
    ],
    displayColumn: 'email',
    uniques: [],
    people: [],
    personRoles: {},
    sharedRead: false,
    private: true,
    participation: false,
    sensitive: [],
    creatorRoles: [],
  };
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
