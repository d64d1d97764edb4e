import { describe, expect, it } from 'vitest';
import { ArchitectureOutputSchema, ProductModelSchema, type AccessCell, type ArchitectureOutput, type ProductModelInput } from '../../src/contract/index.js';
import { designArchitecture } from '../../src/agents/architect.js';
import { generateCode } from '../../src/agents/dev.js';
import type { ProductModel } from '../../src/agents/model.js';
import { expandModel } from '../../src/agents/product.js';
import { readSpec } from '../../src/agents/reader/read.js';
import { DATABASE_TESTS_PATH } from '../../src/agents/project-layout.js';
import { ACCESS_CASES, DISPATCH, HOTEL, HOUSEHOLD, RECIPES, SALES, SALON, VET_CLINIC } from '../fixtures/access-models.js';

const text = (name: string) => ({ name, type: 'text' as const });
import { PROJECT_MODEL } from '../fixtures/models.js';
import { SPEC_CASES } from '../fixtures/specs.js';

/**
 * The access matrix (architecture.security.access_matrix) and what is written from it: the
 * policies, the grants, the sign-up trigger, members and invitations, the document. The pgTAP
 * suites that prove it on PostgreSQL are run by database-tests.test.ts.
 */

const context = (model: ProductModel) => ({ signal: new AbortController().signal, progress: () => undefined, model });
const design = (model: ProductModel): Promise<ArchitectureOutput> => designArchitecture({ spec: model.summary }, context(model));
const fromContract = (model: ProductModelInput): ProductModel => expandModel(ProductModelSchema.parse(model));

function cell(output: ArchitectureOutput, table: string, role: string, action: 'read' | 'create' | 'update' | 'delete'): AccessCell {
  const access = output.architecture.security.access_matrix!.tables.find((candidate) => candidate.table === table);
  const row = access?.roles.find((candidate) => candidate.role === role);
  if (!row) throw new Error(`no cell ${table} × ${role}`);
  return row[action];
}

const policy = (output: ArchitectureOutput, name: string) => output.architecture.security.rls_policies.find((candidate) => candidate.name === name);

const ALL = [
  ...SPEC_CASES.map((specCase) => ({ id: specCase.id, model: readSpec(specCase.input) })),
  ...ACCESS_CASES.map((accessCase) => ({ id: accessCase.id, model: fromContract(accessCase.model) })),
];

describe.each(ALL)('the access matrix of $id', ({ model }) => {
  it('has a cell for every role, table and action, in the contract’s shape', async () => {
    const output = await design(model);
    ArchitectureOutputSchema.parse(output);
    const { access_matrix: matrix, roles } = output.architecture.security;
    expect(matrix!.roles).toEqual(roles);
    expect(matrix!.tables.map((table) => table.table)).toEqual(output.architecture.data_model.entities.map((entity) => entity.name));
    for (const table of matrix!.tables) expect(table.roles.map((row) => row.role), table.table).toEqual(roles);
  });

  it('revokes every table privilege, then grants only what the matrix uses, never to anon', async () => {
    const output = await design(model);
    const sql = output.migration_sql;
    for (const entity of output.architecture.data_model.entities) {
      expect(sql).toContain(`revoke all on table public.${entity.name} from anon, authenticated, service_role;`);
      const access = output.architecture.security.access_matrix!.tables.find((table) => table.table === entity.name)!;
      const deletes = access.roles.some((row) => row.delete.scope !== 'none');
      expect(sql.includes(`grant delete on table public.${entity.name} to authenticated;`), `${entity.name} delete`).toBe(deletes);
    }
    expect(sql).not.toMatch(/grant [^;]* to [^;]*\banon\b/);
    // The role column is granted to nobody: sign-up and the SECURITY DEFINER functions set it.
    expect(sql).toContain('grant insert (id, display_name, avatar_url) on table public.profiles to authenticated;');
    expect(sql).toContain('grant update (display_name, avatar_url, updated_at) on table public.profiles to authenticated;');
    expect(sql).toMatch(/create trigger profiles_protect_role\s+before insert or update on public\.profiles/);
  });

  it('never lets sign-up pick a privileged role', async () => {
    const output = await design(model);
    const security = output.architecture.security;
    const privileged = model.roles.filter((role) => role.privileged || role.admin).map((role) => role.name);
    for (const role of privileged) expect(security.self_signup_roles).not.toContain(role);
    expect(security.self_signup_roles).toContain(security.default_role);
    expect(output.migration_sql).toContain(`when new.raw_user_meta_data ->> 'role' = any(array[${security.self_signup_roles!.map((role) => `'${role}'`).join(', ')}]::text[])`);
  });

  it('documents the matrix in ARCHITECTURE.md', async () => {
    const output = await design(model);
    expect(output.architecture_markdown).toContain('### Access Matrix');
    expect(output.architecture_markdown).toContain('| Table | Role | Read | Create | Update | Delete |');
    expect(output.architecture_markdown).toContain(DATABASE_TESTS_PATH);
  });
});

describe('defaults where the idea is silent', () => {
  it('makes rating, commenting and saving rows of their own, never a change to the recipe', async () => {
    const output = await design(fromContract(RECIPES));
    // The idea's feature reads "rate recipes", which once became an update of the recipe.
    expect(cell(output, 'recipes', 'reader', 'update').scope).toBe('none');
    expect(policy(output, 'recipes_update')?.using).not.toContain('reader');
    expect(cell(output, 'ratings', 'reader', 'create')).toMatchObject({ scope: 'own', source: 'rule' });
    expect(cell(output, 'ratings', 'reader', 'update').scope).toBe('own');
    expect(cell(output, 'comments', 'cook', 'create').scope).toBe('own');
    expect(cell(output, 'comments', 'reader', 'read').scope).toBe('all');
    expect(cell(output, 'ratings', 'cook', 'read')).toMatchObject({ scope: 'related', via: 'recipes', link: 'party' });
    const favourites = output.architecture.data_model.entities.find((entity) => entity.name === 'favourites')!;
    expect(favourites.fields.map((field) => field.name)).toEqual(expect.arrayContaining(['collection_id', 'recipe_id', 'owner_id']));
  });

  it('keeps private rows to their people and privileged staff', async () => {
    const fitness = readSpec(SPEC_CASES.find((specCase) => specCase.id === 'fitness-studio')!.input);
    const output = await design(fitness);
    const bookings = output.architecture.security.access_matrix!.tables.find((table) => table.table === 'bookings')!;
    for (const row of bookings.roles) {
      const privileged = fitness.roles.find((role) => role.name === row.role)!.privileged;
      if (privileged) expect(row.read.scope, row.role).toBe('all');
      else expect(row.read.scope, row.role).not.toBe('all');
    }
    expect(cell(output, 'bookings', 'member', 'read').scope).toBe('own');
    expect(cell(output, 'bookings', 'instructor', 'read')).toMatchObject({ scope: 'related', via: 'classes' });
    // Members book classes, so they see them.
    expect(cell(output, 'classes', 'member', 'read').scope).toBe('all');
  });

  it('lists shared rows for the roles that use other people\'s, not for every role', async () => {
    const output = await design(readSpec({ spec: 'Homeowners report repairs through a web form. The coordinator assigns each repair to a handyman and a time slot. Handymen log the materials used. Landlords often have several flats.' }));
    const read = (table: string, role: string) => cell(output, table, role, 'read').scope;
    // The coordinator handling repairs sees them as staff; that shares them with no one else.
    expect(read('repairs', 'coordinator')).toBe('all');
    expect(read('repairs', 'homeowner')).toBe('own');
    expect(read('repairs', 'landlord')).toBe('none');
    // Landlords having flats is keeping their own, not using other landlords'.
    expect(read('flats', 'landlord')).toBe('own');
    // Customers browsing salons use rows others made: those are listed for them.
    const salons = await design(readSpec({ spec: 'Stylists list their salons. Customers browse salons and book appointments.' }));
    expect(cell(salons, 'salons', 'customer', 'read').scope).toBe('all');
  });

  it('lets people change and delete only their own rows', async () => {
    for (const { id, model } of ALL) {
      const output = await design(model);
      const privileged = new Set(model.roles.filter((role) => role.privileged || role.admin).map((role) => role.name));
      const owned = new Set(output.architecture.data_model.entities.filter((entity) => entity.owner_field).map((entity) => entity.name));
      for (const table of output.architecture.security.access_matrix!.tables.filter((candidate) => owned.has(candidate.table))) {
        for (const row of table.roles) {
          if (privileged.has(row.role)) continue;
          for (const action of ['update', 'delete'] as const) {
            if (row[action].scope === 'all') expect(row[action].source, `${id}: ${row.role} × ${table.table} × ${action}`).not.toBe('default');
          }
        }
      }
    }
  });

  it('hides what a rule does not let a role read, in the API too', async () => {
    const output = await design(fromContract(VET_CLINIC));
    const receptionist = cell(output, 'visits', 'receptionist', 'read');
    expect(receptionist.scope).toBe('all');
    expect(receptionist.columns).toEqual(expect.arrayContaining(['id', 'visit_at', 'reason', 'pet_id']));
    expect(receptionist.columns).not.toContain('diagnosis');
    expect(receptionist.columns).not.toContain('prescription');
    expect(cell(output, 'visits', 'vet', 'read').columns).toBeUndefined();
    const visits = output.architecture.security.access_matrix!.tables.find((table) => table.table === 'visits')!;
    expect(visits).toMatchObject({ hidden_columns: ['diagnosis', 'prescription'], summary_function: 'visits_summary' });
    expect(output.migration_sql).toMatch(/create or replace function public\.visits_summary\(\)\nreturns table \(id uuid, visit_at timestamptz, reason text, pet_id uuid, owner_id uuid, created_at timestamptz, updated_at timestamptz\)/);
    // On the table itself the front desk reads nothing (it owns no visits).
    expect(policy(output, 'visits_select')?.using).not.toContain('receptionist');
    expect(output.architecture.api_design.endpoints.map((endpoint) => endpoint.path)).toContain('/rest/v1/rpc/visits_summary');
  });
});

describe('rules of the product model', () => {
  it('win over the defaults, cell by cell', async () => {
    const output = await design(fromContract(SALES));
    expect(cell(output, 'deals', 'sales_manager', 'delete')).toMatchObject({ scope: 'none', source: 'rule' });
    expect(cell(output, 'deals', 'sales_manager', 'update')).toMatchObject({ scope: 'all', source: 'rule' });
    expect(cell(output, 'deals', 'sales_rep', 'read')).toMatchObject({ scope: 'own', source: 'rule' });
    expect(cell(output, 'activities', 'sales_rep', 'create')).toMatchObject({ scope: 'related', via: 'deals', link: 'party' });
    expect(policy(output, 'deals_delete')?.using).not.toContain('sales_manager');
  });

  it('reach through a child row: vets read the pets they treat', async () => {
    const output = await design(fromContract(VET_CLINIC));
    expect(cell(output, 'pets', 'vet', 'read')).toMatchObject({ scope: 'related', via: 'visits', link: 'child' });
    expect(policy(output, 'pets_select')?.using).toContain('public.is_party_of_pet_visits(pets.id)');
    expect(cell(output, 'visits', 'pet_owner', 'read')).toMatchObject({ scope: 'related', via: 'pets', link: 'party' });
  });

  it('read "their own" rows that name nobody through the rows that do: a plumber\'s jobs are those assigned to them', async () => {
    const output = await design(fromContract(DISPATCH));
    expect(cell(output, 'jobs', 'plumber', 'read')).toMatchObject({ scope: 'related', via: 'job_assignments', link: 'child', source: 'rule' });
    expect(cell(output, 'jobs', 'plumber', 'update')).toMatchObject({ scope: 'related', via: 'job_assignments', link: 'child', source: 'rule' });
    expect(policy(output, 'jobs_select')?.using).toContain('public.is_party_of_job_job_assignments(jobs.id)');
    // Nothing is said of a plumber making jobs: the default holds (dispatchers make them).
    expect(cell(output, 'jobs', 'plumber', 'create')).toMatchObject({ scope: 'none', source: 'default' });
    expect(output.architecture.security.access_matrix!.notes.join(' ')).not.toContain('have no column naming');
  });

  it('say so when a rule cannot be followed as written', async () => {
    const model = fromContract({ ...SALES, access: [...SALES.access, { role: 'sales_rep', entity: 'company', actions: ['update'], scope: 'related', via: 'activity' }] });
    const output = await design(model);
    expect(cell(output, 'companies', 'sales_rep', 'update')).toMatchObject({ scope: 'none', source: 'rule' });
    expect(output.architecture.security.access_matrix!.notes.join(' ')).toContain('related through "activity", which does not lead to companies');
    expect(output.architecture_markdown).toContain('related through "activity"');
  });
});

describe('roles with power', () => {
  it('are given after sign-up by those who give roles, through a checked SECURITY DEFINER function', async () => {
    const output = await design(fromContract(VET_CLINIC));
    const security = output.architecture.security;
    expect(security.default_role).toBe('pet_owner');
    expect(security.self_signup_roles).toEqual(['pet_owner']);
    const setUserRole = /create or replace function public\.set_user_role\(p_user_id uuid, p_role text\)\n[^]*?\n\$\$;/.exec(output.migration_sql)?.[0];
    expect(setUserRole).toContain('security definer');
    expect(setUserRole).toContain("set search_path = ''");
    expect(setUserRole).toContain("if not public.has_role('clinic_admin') then");
    expect(output.migration_sql).toContain('grant execute on function public.set_user_role(uuid, text) to authenticated, service_role;');
    // No other way in: no invitation to a role, and no function that takes one.
    expect(output.architecture.data_model.entities.map((entity) => entity.name)).toEqual(['profiles', 'pets', 'visits']);
    expect(output.migration_sql).not.toMatch(/role_invitation/);
    expect(output.architecture.api_design.endpoints.map((endpoint) => endpoint.path).filter((path) => path.includes('/rpc/'))).not.toContainEqual(expect.stringMatching(/invitation/));
    expect(output.architecture_markdown).toContain(
      '- **Appointing:** `receptionist`, `vet` and `clinic_admin` are given, never taken. The person signs up like anyone else (and is `pet_owner` until then); then a `clinic_admin` promotes them with `set_user_role(user_id, role)`',
    );
  });

  it('are never self-service, even when the model forgets to call a manager privileged', async () => {
    const model = fromContract({ ...SALES, roles: [{ name: 'sales_rep' }, { name: 'sales_manager', self_signup: true }] });
    const output = await design(model);
    expect(output.architecture.security.self_signup_roles).toEqual(['sales_rep']);
  });
});

describe('membership', () => {
  it('gives groups one members table with its own role, its invitations as rows, and rows scoped to the members', async () => {
    const output = await design(fromContract(HOUSEHOLD));
    expect(output.architecture.data_model.entities.map((entity) => entity.name)).toEqual(['profiles', 'households', 'chores', 'household_members']);
    const members = output.architecture.data_model.entities.find((entity) => entity.name === 'household_members')!;
    expect(members).toMatchObject({ join_table: true });
    expect(members.fields.map((field) => field.name)).toEqual(['id', 'household_id', 'member_id', 'member_role', 'status', 'invited_email', 'invited_by', 'accepted_at', 'created_at', 'updated_at']);
    expect(members.fields.find((field) => field.name === 'member_role')).toMatchObject({ enum_values: ['owner', 'admin', 'member'], default: "'member'" });
    expect(members.fields.find((field) => field.name === 'status')).toMatchObject({ enum_values: ['invited', 'active'], default: "'active'" });
    // An invitation names nobody yet: the member column is empty until it is accepted.
    expect(members.fields.find((field) => field.name === 'member_id')).toMatchObject({ nullable: true, references: 'profiles.id' });
    expect(output.migration_sql).toContain("  check ((status = 'active' and member_id is not null) or (status = 'invited' and member_id is null and invited_email is not null))");
    expect(cell(output, 'chores', 'member', 'read')).toMatchObject({ scope: 'related', via: 'households' });
    expect(cell(output, 'households', 'member', 'read')).toMatchObject({ scope: 'related', via: 'households', link: 'member' });
    expect(cell(output, 'household_members', 'member', 'create')).toMatchObject({ scope: 'related', link: 'manager' });
    expect(output.migration_sql).toContain("where m.household_id = p_household_id and m.member_id = (select auth.uid()) and m.status = 'active'\n");
    expect(output.migration_sql).toContain('create trigger households_owner_membership');
    // A member may leave, but only managers change a member's role; nobody turns an invitation into a member but its invited person.
    expect(policy(output, 'household_members_update')?.using).toBe('public.is_household_manager(household_members.household_id)');
    expect(output.migration_sql).toContain('grant insert (id, household_id, member_id, member_role, status, invited_email) on table public.household_members to authenticated;');
    expect(output.migration_sql).toContain('grant update (member_role, updated_at) on table public.household_members to authenticated;');
    const accept = /create or replace function public\.accept_household_invitation\(p_household_id uuid\)\n[^]*?\n\$\$;/.exec(output.migration_sql)?.[0];
    expect(accept).toContain('language plpgsql volatile security definer');
    expect(accept).toContain("set search_path = ''");
    expect(accept).toContain('where u.id = (select auth.uid()) and u.email_confirmed_at is not null;');
    expect(accept).toContain("and m.created_at > now() - interval '14 days'");
    expect(accept).toContain("set status = 'active', member_id = (select auth.uid()), accepted_at = now()");
    expect(output.architecture_markdown).toContain('makes the row theirs with `accept_household_invitation(household_id)`, within 14 days and once');
  });

  it('asks an invitation to a members table of one role for a person of that role', async () => {
    const output = await design(PROJECT_MODEL);
    const accept = /create or replace function public\.accept_project_invitation\(p_project_id uuid\)\n[^]*?\n\$\$;/.exec(output.migration_sql)?.[0];
    expect(accept).toContain("if invitation.id is null or not public.has_role('member') then");
  });

  it('comes from the model, never from a name: option groups, families and teams people do not belong to have no members', async () => {
    const output = await design(
      fromContract({
        name: 'Tapas',
        summary: 'Guests order dishes; dishes have option groups; the manager edits the menu; families receive food; teams of cooks are listed.',
        roles: [{ name: 'waiter' }, { name: 'manager', privileged: true }],
        entities: [
          { name: 'dish', owned_by: 'creator', attributes: [text('name')] },
          { name: 'option_group', attributes: [text('name')] },
          { name: 'family', attributes: [text('name')] },
          { name: 'team', attributes: [text('name')] },
        ],
        relationships: [
          { from: 'dish', to: 'option_group', kind: 'one-to-many' },
          { from: 'dish', to: 'manager', kind: 'one-to-many' },
        ],
        access: [],
      }),
    );
    expect(output.architecture.data_model.entities.map((entity) => entity.name)).toEqual(['profiles', 'dishes', 'option_groups', 'families', 'teams']);
    expect(output.migration_sql).not.toMatch(/member_role|_invitation/);
    // Nobody owns an option group or a family because of its name.
    for (const name of ['option_groups', 'families', 'teams']) expect(output.architecture.data_model.entities.find((entity) => entity.name === name)!.owner_field).toBeUndefined();
  });

  it('reads an entity → role one-to-many as the row naming one person of the role, not as members', async () => {
    const output = await design(
      fromContract({
        name: 'Physio',
        summary: 'The receptionist books a patient in with a specific physio.',
        roles: [{ name: 'receptionist' }, { name: 'physio' }],
        entities: [{ name: 'appointment', owned_by: 'creator', attributes: [{ name: 'starts_at', type: 'datetime', required: true }] }],
        relationships: [{ from: 'appointment', to: 'physio', kind: 'one-to-many' }],
        access: [],
      }),
    );
    expect(output.architecture.data_model.entities.map((entity) => entity.name)).toEqual(['profiles', 'appointments']);
    expect(output.architecture.data_model.entities[1]!.fields.find((field) => field.name === 'physio_id')).toMatchObject({ references: 'profiles.id', nullable: true });
    expect(output.architecture.data_model.relationships).toContainEqual(expect.objectContaining({ from: 'profiles', to: 'appointments', type: 'one-to-many' }));
    expect(cell(output, 'appointments', 'physio', 'update')).toMatchObject({ scope: 'own' });
    expect(output.architecture_markdown).toContain('is read as each appointment naming one physio (`appointments.physio_id`)');
  });

  it('comes from a related rule through an entity the role is not already one of the people of', async () => {
    // Households: members reach chores through the household they belong to.
    const household = await design(fromContract({ ...HOUSEHOLD, entities: HOUSEHOLD.entities.map((entity) => (entity.name === 'household' ? { name: 'household', attributes: entity.attributes } : entity)) }));
    expect(household.architecture.data_model.entities.map((entity) => entity.name)).toContain('household_members');
    // A group someone runs: without an owner in the model, its creator owns it.
    expect(household.architecture.data_model.entities.find((entity) => entity.name === 'households')!.owner_field).toBe('owner_id');
    expect(household.migration_sql).toContain('create trigger households_owner_membership');
    // Reps reach activities through deals they own, owners visits through pets they own: no members.
    for (const model of [SALES, VET_CLINIC]) {
      const output = await design(fromContract(model));
      expect(output.architecture.data_model.entities.filter((entity) => entity.name.endsWith('_members')), model.name).toEqual([]);
    }
  });

  it('keeps a link the model declares between a role and an entity as the person\'s rows, with their details', async () => {
    const output = await design(fromContract(SALON));
    const tables = output.architecture.data_model.entities;
    expect(tables.map((entity) => entity.name)).toEqual(['profiles', 'services', 'stylist_services', 'appointments', 'teams', 'notices', 'team_members']);
    expect(tables.find((entity) => entity.name === 'stylist_services')!.fields.map((field) => field.name)).toEqual(['id', 'price', 'service_id', 'stylist_id', 'created_at', 'updated_at']);
    expect(output.architecture.data_model.relationships).toContainEqual(expect.objectContaining({ from: 'services', to: 'profiles', type: 'many-to-many', through: 'stylist_services' }));
    expect(cell(output, 'stylist_services', 'stylist', 'update').scope).toBe('own');
    expect(cell(output, 'stylist_services', 'customer', 'update').scope).toBe('none');
    // The appointment names its stylist; the team is a group because stylists reach notices through it.
    expect(tables.find((entity) => entity.name === 'appointments')!.fields.map((field) => field.name)).toContain('stylist_id');
    expect(cell(output, 'notices', 'stylist', 'read')).toMatchObject({ scope: 'related', via: 'teams' });
  });

  it('turns a many-to-many between a role and an entity into membership', async () => {
    const output = await design(PROJECT_MODEL);
    expect(output.architecture.data_model.entities.find((entity) => entity.name === 'project_members')!.fields.map((field) => field.name)).toContain('member_role');
    expect(cell(output, 'projects', 'member', 'read')).toMatchObject({ scope: 'related', via: 'projects', link: 'member' });
    expect(cell(output, 'tasks', 'member', 'read')).toMatchObject({ scope: 'related', via: 'projects', link: 'reader' });
    expect(policy(output, 'tasks_insert')?.with_check).toContain('public.can_read_project(tasks.project_id)');
  });
});

describe('references', () => {
  it('never go round in a circle of required ones, so that a first row can be made', async () => {
    const output = await design(fromContract(HOTEL));
    const field = (table: string, name: string) => output.architecture.data_model.entities.find((entity) => entity.name === table)!.fields.find((candidate) => candidate.name === name)!;
    expect(field('rooms', 'room_type_id').nullable).toBe(false);
    expect(field('room_types', 'minibar_id').nullable).toBe(false);
    // The one that would close the circle is optional.
    expect(field('minibars', 'room_id').nullable).toBe(true);
    expect(output.database_tests_sql).toMatch(/select plan\(\d+\);/);
  });
});

describe('the generated project', () => {
  it('carries the pgTAP tests beside the migration, and says how to run them', async () => {
    const model = fromContract(RECIPES);
    const code = await generateCode({ spec: model.summary }, context(model));
    const tests = code.files.find((file) => file.path === DATABASE_TESTS_PATH);
    expect(tests?.language).toBe('sql');
    expect(tests?.content).toMatch(/^-- Recipe Box: who may do what/);
    expect(tests?.content).toContain('create extension if not exists pgtap with schema extensions;');
    expect(tests?.content).toMatch(/select plan\(\d+\);/);
    expect(tests?.content.trimEnd().endsWith('rollback;')).toBe(true);
    expect(code.setup_instructions.join('\n')).toContain('npx supabase test db');
  });
});
