import { describe, expect, it } from 'vitest';
import { ArchitectureOutputSchema, ProductModelSchema, type AccessCell, type ArchitectureOutput, type ProductModelInput } from '../../src/contract/index.js';
import { designArchitecture } from '../../src/agents/architect.js';
import { generateCode } from '../../src/agents/dev.js';
import type { ProductModel } from '../../src/agents/model.js';
import { expandModel } from '../../src/agents/product.js';
import { readSpec } from '../../src/agents/reader/read.js';
import { DATABASE_TESTS_PATH } from '../../src/agents/project-layout.js';
import { ACCESS_CASES, HOUSEHOLD, RECIPES, SALES, VET_CLINIC } from '../fixtures/access-models.js';
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

  it('say so when a rule cannot be followed as written', async () => {
    const model = fromContract({ ...SALES, access: [...SALES.access, { role: 'sales_rep', entity: 'company', actions: ['update'], scope: 'related', via: 'activity' }] });
    const output = await design(model);
    expect(cell(output, 'companies', 'sales_rep', 'update')).toMatchObject({ scope: 'none', source: 'rule' });
    expect(output.architecture.security.access_matrix!.notes.join(' ')).toContain('related through "activity", which does not lead to companies');
    expect(output.architecture_markdown).toContain('related through "activity"');
  });
});

describe('roles with power', () => {
  it('come only from an invitation or from those who give roles', async () => {
    const output = await design(fromContract(VET_CLINIC));
    const security = output.architecture.security;
    expect(security.default_role).toBe('pet_owner');
    expect(security.self_signup_roles).toEqual(['pet_owner']);
    expect(output.migration_sql).toContain("if not public.has_role('clinic_admin') then");
    expect(output.migration_sql).toContain('create or replace function public.accept_role_invitation(p_token uuid)');
    expect(output.migration_sql).toContain('where u.id = (select auth.uid()) and u.email_confirmed_at is not null;');
    const invitations = output.architecture.data_model.entities.find((entity) => entity.name === 'role_invitations')!;
    expect(invitations.fields.find((field) => field.name === 'role')?.enum_values).toEqual(['receptionist', 'vet', 'clinic_admin']);
    expect(cell(output, 'role_invitations', 'clinic_admin', 'create').scope).toBe('all');
    expect(cell(output, 'role_invitations', 'vet', 'read').scope).toBe('none');
  });

  it('are never self-service, even when the model forgets to call a manager privileged', async () => {
    const model = fromContract({ ...SALES, roles: [{ name: 'sales_rep' }, { name: 'sales_manager', self_signup: true }] });
    const output = await design(model);
    expect(output.architecture.security.self_signup_roles).toEqual(['sales_rep']);
  });
});

describe('membership', () => {
  it('gives groups a members table with its own role, invitations, and rows scoped to the members', async () => {
    const output = await design(fromContract(HOUSEHOLD));
    const members = output.architecture.data_model.entities.find((entity) => entity.name === 'household_members')!;
    expect(members).toMatchObject({ join_table: true });
    expect(members.fields.find((field) => field.name === 'member_role')).toMatchObject({ enum_values: ['owner', 'admin', 'member'], default: "'member'" });
    expect(output.architecture.data_model.entities.map((entity) => entity.name)).toContain('household_invitations');
    expect(cell(output, 'chores', 'member', 'read')).toMatchObject({ scope: 'related', via: 'households' });
    expect(cell(output, 'households', 'member', 'read')).toMatchObject({ scope: 'related', via: 'households', link: 'member' });
    expect(cell(output, 'household_members', 'member', 'create')).toMatchObject({ scope: 'related', link: 'manager' });
    expect(output.migration_sql).toContain('create or replace function public.accept_household_invitation(p_token uuid)');
    expect(output.migration_sql).toContain('create trigger households_owner_membership');
    // A member may leave, but only managers change a member's role.
    expect(policy(output, 'household_members_update')?.using).toBe('public.is_household_manager(household_members.household_id)');
    expect(output.migration_sql).toContain('grant update (member_role, updated_at) on table public.household_members to authenticated;');
  });

  it('turns a many-to-many between a role and an entity into membership', async () => {
    const output = await design(PROJECT_MODEL);
    expect(output.architecture.data_model.entities.find((entity) => entity.name === 'project_members')!.fields.map((field) => field.name)).toContain('member_role');
    expect(cell(output, 'projects', 'member', 'read')).toMatchObject({ scope: 'related', via: 'projects', link: 'member' });
    expect(cell(output, 'tasks', 'member', 'read')).toMatchObject({ scope: 'related', via: 'projects', link: 'reader' });
    expect(policy(output, 'tasks_insert')?.with_check).toContain('public.can_read_project(tasks.project_id)');
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
