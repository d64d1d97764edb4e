import { describe, expect, it } from 'vitest';
import { ArchitectureOutputSchema, ProductModelSchema, type ArchitectureInput, type ArchitectureOutput } from '../../src/contract/index.js';
import type { AgentContext } from '../../src/agents/agent.js';
import { architectAgent, designArchitecture } from '../../src/agents/architect.js';
import { SECTION_TITLES } from '../../src/agents/architect/markdown.js';
import { VERSIONS as DEV_VERSIONS } from '../../src/agents/dev/versions.js';
import type { ProductModel } from '../../src/agents/model.js';
import { expandModel } from '../../src/agents/product.js';
import { modelOf } from '../../src/agents/analyst.js';
import { FOLLOWERS } from '../fixtures/access-models.js';
import { PROJECT_MODEL } from '../fixtures/models.js';
import { SPEC_CASES } from '../fixtures/specs.js';
import { EMPTY_MODEL, MARKET_MODEL } from './architect/models.js';

function context(model?: ProductModel, signal: AbortSignal = new AbortController().signal) {
  const notes: Array<[number, string]> = [];
  const ctx: AgentContext = { signal, progress: (percent, note) => notes.push([percent, note]), ...(model ? { model } : {}) };
  return { ctx, notes };
}

async function run(model: ProductModel, input: Partial<ArchitectureInput> = {}): Promise<ArchitectureOutput> {
  return designArchitecture({ spec: model.summary, ...input }, context(model).ctx);
}

const entity = (output: ArchitectureOutput, name: string) => output.architecture.data_model.entities.find((candidate) => candidate.name === name);
const field = (output: ArchitectureOutput, table: string, column: string) => entity(output, table)?.fields.find((candidate) => candidate.name === column);

const readerCases = SPEC_CASES.flatMap((specCase) => {
  try {
    return [{ id: specCase.id, model: modelOf(specCase.input) }];
  } catch {
    return [];
  }
});

const MODELS = [
  { id: 'project', model: PROJECT_MODEL },
  { id: 'marketplace', model: MARKET_MODEL },
  { id: 'empty', model: EMPTY_MODEL },
  ...readerCases,
];

describe.each(MODELS)('the architecture of $id', ({ model }) => {
  it('satisfies the contract schema', async () => {
    const output = await run(model);
    expect(() => ArchitectureOutputSchema.parse(output)).not.toThrow();
  });

  it('has a table for every entity that is not a person, and profiles for people', async () => {
    const output = await run(model);
    const tables = output.architecture.data_model.entities.map((candidate) => candidate.name);
    const roles = new Set(model.roles.map((role) => role.name));
    for (const spec of model.entities) {
      // An entity named as a role is that role's record, a table like any other; a user is a profile.
      if (spec.name === 'user') expect(tables).not.toContain(spec.plural);
      else expect(tables).toContain(spec.plural);
    }
    expect(tables).toContain('profiles');
    for (const role of roles) expect(tables).not.toContain(`${role}s`);
  });

  it('keeps to one tech stack table with pinned versions', async () => {
    const output = await run(model);
    for (const tech of output.architecture.stack.technologies) {
      expect(tech.version, `${tech.technology}`).not.toMatch(/latest|\^|~|\*|\.x\b/i);
      // Third-party HTTP APIs without an SDK have no package version to pin.
      if (!tech.category.startsWith('Integration:')) expect(tech.version, tech.technology).toMatch(/\d/);
    }
    expect(output.architecture_markdown).not.toMatch(/\blatest\b/i);
  });

  it('writes the document in the AIOS full-stack order, with an ER diagram and the DDL', async () => {
    const output = await run(model);
    const markdown = output.architecture_markdown;
    const positions = SECTION_TITLES.map((sectionTitle) => markdown.indexOf(`\n## ${sectionTitle}\n`));
    for (const [index, position] of positions.entries()) expect(position, SECTION_TITLES[index]).toBeGreaterThan(0);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(markdown).toContain('```mermaid\nerDiagram');
    expect(markdown).toContain('sequenceDiagram');
    expect(markdown).toContain('openapi: 3.0.3');
    expect(markdown).toContain(output.migration_sql.trimEnd());
    expect(markdown).toMatch(/\| Environment \| Frontend URL \| Backend URL \| Purpose \|/);
    expect(markdown).toMatch(/🏛️ \*\*Aria\*\*/);
    for (const table of output.architecture.data_model.entities) expect(markdown).toContain(`  ${table.name.toUpperCase()} {`);
    const checklist = markdown.slice(markdown.indexOf('## 17. Checklist Results Report'));
    expect(checklist).toContain('| PASS |');
    expect(checklist).not.toContain('| CHECK |');
  });

  it('writes Mermaid diagrams without statement separators in messages', async () => {
    const output = await run(model);
    const diagrams = [...output.architecture_markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
    expect(diagrams.length).toBeGreaterThanOrEqual(3);
    for (const diagram of diagrams) expect(diagram).not.toMatch(/;/);
  });

  it('puts every endpoint in the OpenAPI document', async () => {
    const output = await run(model);
    for (const endpoint of output.architecture.api_design.endpoints) {
      expect(output.architecture_markdown).toContain(`  "${endpoint.path.split('?')[0]}":`);
    }
  });

  it('gives every table row level security, with a policy for each command the access matrix lets some role use', async () => {
    const output = await run(model);
    const matrix = output.architecture.security.access_matrix!;
    const commands = { read: 'select', create: 'insert', update: 'update', delete: 'delete' } as const;
    for (const table of output.architecture.data_model.entities) {
      const access = matrix.tables.find((candidate) => candidate.table === table.name)!;
      expect(access.roles.map((row) => row.role), table.name).toEqual(output.architecture.security.roles);
      const policies = output.architecture.security.rls_policies.filter((policy) => policy.table === table.name).map((policy) => policy.command);
      expect(policies, table.name).toContain('select');
      for (const [action, command] of Object.entries(commands) as Array<[keyof typeof commands, (typeof commands)[keyof typeof commands]]>) {
        const used = access.roles.some((row) => row[action].scope !== 'none');
        expect(policies.includes(command), `${table.name} ${command}`).toBe(used);
      }
      expect(output.migration_sql).toContain(`alter table public.${table.name} enable row level security;`);
    }
  });

  it('is deterministic', async () => {
    expect(await run(model)).toEqual(await run(model));
  });
});

describe('the data model of the project spec', () => {
  it('turns one-to-many relationships into required, cascading foreign keys', async () => {
    const output = await run(PROJECT_MODEL);
    expect(field(output, 'tasks', 'project_id')).toMatchObject({ type: 'uuid', nullable: false, references: 'projects.id' });
    expect(field(output, 'comments', 'task_id')).toMatchObject({ type: 'uuid', nullable: false, references: 'tasks.id' });
    expect(output.migration_sql).toContain('project_id uuid not null references public.projects(id) on delete cascade');
    expect(output.architecture.data_model.relationships).toContainEqual(expect.objectContaining({ from: 'projects', to: 'tasks', type: 'one-to-many' }));
  });

  it('links projects and members through a join table of profiles', async () => {
    const output = await run(PROJECT_MODEL);
    const join = entity(output, 'project_members');
    expect(join?.join_table).toBe(true);
    expect(field(output, 'project_members', 'project_id')?.references).toBe('projects.id');
    expect(field(output, 'project_members', 'member_id')?.references).toBe('profiles.id');
    expect(output.migration_sql).toContain('unique (project_id, member_id)');
    expect(output.architecture.data_model.relationships).toContainEqual(
      expect.objectContaining({ from: 'projects', to: 'profiles', type: 'many-to-many', through: 'project_members' }),
    );
    expect(entity(output, 'members')).toBeUndefined();
  });

  it('types the columns from the attributes and ties owners to auth.users', async () => {
    const output = await run(PROJECT_MODEL);
    expect(field(output, 'projects', 'id')).toMatchObject({ type: 'uuid', primary: true, default: 'gen_random_uuid()' });
    expect(field(output, 'projects', 'start_date')?.type).toBe('date');
    expect(field(output, 'tasks', 'status')).toMatchObject({ type: 'text', enum_values: ['todo', 'in_progress', 'done'], nullable: false });
    expect(field(output, 'projects', 'owner_id')).toMatchObject({ references: 'auth.users.id', default: 'auth.uid()' });
    // The creator link is a relationship of the data model like any other, listed with its column.
    const created = output.architecture.data_model.relationships.find((r) => r.from === 'profiles' && r.to === 'projects');
    expect(created).toMatchObject({ type: 'one-to-many' });
    expect(created?.description).toContain('`owner_id`');
    expect(entity(output, 'projects')).toMatchObject({ owner_field: 'owner_id', display_field: 'name' });
    expect(entity(output, 'tasks')?.display_field).toBe('title');
    expect(field(output, 'profiles', 'role')?.enum_values).toEqual(['admin', 'member']);
    for (const table of ['profiles', 'projects', 'tasks', 'comments']) {
      expect(field(output, table, 'created_at')).toMatchObject({ type: 'timestamptz', default: 'now()' });
      expect(output.migration_sql).toContain(`create trigger ${table}_set_updated_at`);
    }
  });

  it('offers an aggregate RPC and the role change for administrators', async () => {
    const output = await run(PROJECT_MODEL);
    const paths = output.architecture.api_design.endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`);
    expect(paths).toEqual(expect.arrayContaining(['GET /rest/v1/tasks', 'POST /rest/v1/tasks', 'PATCH /rest/v1/tasks', 'DELETE /rest/v1/tasks']));
    expect(paths).toEqual(expect.arrayContaining(['POST /rest/v1/rpc/tasks_by_status', 'POST /rest/v1/rpc/set_user_role', 'POST /functions/v1/send-email']));
    expect(output.architecture.security.roles).toEqual(['admin', 'member']);
  });

  it('reports progress and stops when aborted', async () => {
    const { ctx, notes } = context(PROJECT_MODEL);
    await designArchitecture({ spec: 'x' }, ctx);
    expect(notes.map(([percent]) => percent)).toEqual([...notes.map(([percent]) => percent)].sort((a, b) => a - b));
    expect(notes.at(-1)?.[0]).toBe(100);
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the user'));
    await expect(designArchitecture({ spec: 'x' }, context(PROJECT_MODEL, controller.signal).ctx)).rejects.toThrow('cancelled by the user');
  });

  it('is the agent the pipeline runs', () => {
    expect(architectAgent).toMatchObject({ tool: 'aios_design_architecture', phase: 'architecture', persona: { name: 'Aria' } });
  });
});

describe('the data model of harder specs', () => {
  it('names columns PostgreSQL accepts and keeps system columns its own', async () => {
    const output = await run(MARKET_MODEL);
    const columns = entity(output, 'products')?.fields.map((candidate) => candidate.name) ?? [];
    expect(columns).toEqual(expect.arrayContaining(['sort_order', 'user_name']));
    expect(columns).not.toEqual(expect.arrayContaining(['order']));
    expect(columns).not.toContain('user');
    expect(columns).not.toContain('shop');
    expect(columns.filter((name) => name === 'id')).toHaveLength(1);
    expect(field(output, 'products', 'sku')).toMatchObject({ unique: true, nullable: false });
    expect(field(output, 'shops', 'slug')?.unique).toBe(true);
    expect(field(output, 'products', 'price')?.type).toBe('numeric(12,2)');
    expect(field(output, 'products', 'prep_time')?.type).toBe('integer');
    expect(field(output, 'products', 'details')?.type).toBe('jsonb');
    expect(field(output, 'reviews', 'rating')?.type).toBe('integer');
    expect(output.migration_sql).toContain('rating integer not null check (rating between 1 and 5)');
  });

  it('makes people the model also calls entities (users) into profiles, and says so', async () => {
    const output = await run(MARKET_MODEL);
    expect(entity(output, 'users')).toBeUndefined();
    // Buyers place orders: the buyer is the order's owner, not a second column.
    expect(field(output, 'orders', 'buyer_id')).toBeUndefined();
    expect(field(output, 'orders', 'seller_id')).toMatchObject({ references: 'profiles.id', nullable: true });
    expect(output.architecture_markdown).toContain('are people');
    expect(output.architecture_markdown).toContain('between widget and product');
  });

  it('makes an entity named as a role that role\'s record: a table with an optional, unique link to the person\'s profile, which rows reference', async () => {
    const model: ProductModel = { ...MARKET_MODEL, entities: [...MARKET_MODEL.entities, { ...MARKET_MODEL.entities.find((candidate) => candidate.name === 'user')!, name: 'buyer', plural: 'buyers', label: 'buyer', pluralLabel: 'buyers' }] };
    const output = await run(model);
    expect(field(output, 'buyers', 'profile_id')).toMatchObject({ references: 'profiles.id', nullable: true, unique: true });
    expect(field(output, 'orders', 'buyer_id')).toMatchObject({ references: 'buyers.id' });
    expect(output.architecture.security.roles).toContain('buyer');
    expect(output.architecture_markdown).toContain('sign in as buyer');
    const orders = output.architecture.security.access_matrix!.tables.find((access) => access.table === 'orders')!;
    // Orders are private and belong to their buyer's record: a buyer sees those of the record linked to them.
    expect(orders.roles.find((row) => row.role === 'buyer')!.read.scope).not.toBe('none');
    expect(output.migration_sql).toMatch(/create or replace function public\.is_own_buyer\(p_buyer_id uuid\)[\s\S]*?buyers\.profile_id = \(select auth\.uid\(\)\)/);
    expect(output.migration_sql).toContain('public.is_own_buyer(orders.buyer_id)');
    expect(output.migration_sql).toMatch(/create policy buyers_select[\s\S]*?buyers\.profile_id = \(select auth\.uid\(\)\)/);
  });

  it('joins people to people of their own kind through the record that joins them ("hikers follow other hikers")', async () => {
    const output = await run(expandModel(ProductModelSchema.parse(FOLLOWERS)));
    expect(field(output, 'follows', 'followed_id')).toMatchObject({ references: 'profiles.id', nullable: false });
    expect(output.architecture.data_model.relationships).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'profiles', to: 'profiles', type: 'many-to-many', through: 'follows' })]));
    expect(output.migration_sql).toContain('unique (owner_id, followed_id)');
  });

  it('links through an entity the spec names, and through a join table otherwise', async () => {
    const output = await run(MARKET_MODEL);
    expect(field(output, 'order_items', 'order_id')?.references).toBe('orders.id');
    expect(field(output, 'order_items', 'product_id')?.references).toBe('products.id');
    expect(entity(output, 'product_tags')).toMatchObject({ join_table: true });
    expect(output.architecture.data_model.relationships).toContainEqual(
      expect.objectContaining({ from: 'orders', to: 'products', type: 'many-to-many', through: 'order_items' }),
    );
  });

  it('keeps reference data when it goes, and breaks cycles', async () => {
    const output = await run(MARKET_MODEL);
    expect(field(output, 'products', 'category_id')).toMatchObject({ nullable: true, references: 'categories.id' });
    expect(output.migration_sql).toContain('category_id uuid references public.categories(id) on delete set null');
    expect(field(output, 'categories', 'parent_category_id')?.references).toBe('categories.id');
    expect(field(output, 'shops', 'product_id')).toMatchObject({ nullable: true, references: 'products.id' });
    expect(output.migration_sql).toContain('alter table public.shops add constraint shops_product_id_fkey');
  });

  it('lets buyers browse products but keeps writes to sellers and admins', async () => {
    const output = await run(MARKET_MODEL);
    const policy = (name: string) => output.architecture.security.rls_policies.find((candidate) => candidate.name === name);
    const cell = (table: string, role: string) => output.architecture.security.access_matrix!.tables.find((t) => t.table === table)!.roles.find((r) => r.role === role)!;
    expect(policy('products_select')?.using).toBe('true');
    expect(cell('products', 'seller').create.scope).toBe('own');
    expect(cell('products', 'admin').create.scope).toBe('all');
    expect(cell('products', 'buyer').create.scope).toBe('none');
    expect(cell('products', 'buyer').update.scope).toBe('none');
    expect(policy('products_insert')?.with_check).toContain("(select public.has_role('seller')) and products.owner_id = (select auth.uid())");
    expect(policy('products_insert')?.with_check).toContain("(select public.has_role('admin'))");
    expect(policy('products_insert')?.with_check).not.toContain("'buyer'");
    expect(policy('orders_select')?.using).toContain('orders.owner_id = (select auth.uid())');
    expect(policy('orders_select')?.using).toContain('orders.seller_id = (select auth.uid())');
  });

  it('adds what the integrations and needs call for', async () => {
    const output = await run(MARKET_MODEL);
    const paths = output.architecture.api_design.endpoints.map((endpoint) => endpoint.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/functions/v1/create-checkout-session', '/functions/v1/stripe-webhook', '/auth/v1/authorize?provider=google', '/storage/v1/object/{bucket}/{path}']),
    );
    expect(output.architecture.security.auth_strategy).toContain('Google');
    expect(output.migration_sql).toContain('alter publication supabase_realtime add table public.orders');
    expect(output.migration_sql).toMatch(/using gin \(to_tsvector\('english', coalesce\(name, ''\)\)\)/);
    expect(output.architecture.stack.technologies.map((tech) => tech.technology)).toContain('vite-plugin-pwa (Workbox)');
    expect(output.architecture_markdown).toContain('STRIPE_WEBHOOK_SECRET');
    expect(output.architecture_markdown).toContain('### Pay with Stripe');
  });

  it('lets managers give roles when there is no administrator, and keeps them out of sign-up', async () => {
    const role = (name: string, primary = false) => ({ name, label: name, description: name, primary, admin: false, privileged: false, selfSignup: true, capabilities: [] });
    const model: ProductModel = { ...PROJECT_MODEL, roles: [role('sales_rep'), role('sales_manager')] };
    const output = await run(model);
    expect(output.migration_sql).toContain("when new.raw_user_meta_data ->> 'role' = any(array['sales_rep']::text[])");
    expect(output.migration_sql).toContain("if not public.has_role('sales_manager') then");
    expect(output.architecture.api_design.endpoints.map((endpoint) => endpoint.path)).toContain('/rest/v1/rpc/set_user_role');
    const loneManager = await run({ ...PROJECT_MODEL, roles: [role('manager')] });
    expect(loneManager.migration_sql).toContain("default 'manager'");
  });

  it('says when the spec could not be read as English', async () => {
    const output = await run({ ...EMPTY_MODEL, assumptions: ['The description could not be read as English, so the model is generic'] });
    expect(output.architecture_markdown).toContain('could not be read as English');
    expect(output.architecture.data_model.entities.map((candidate) => candidate.name)).toEqual(['profiles']);
    expect(output.architecture.security.roles).toEqual(['user']);
  });

  it('takes the PM’s non-functional requirements into account', async () => {
    const requirements = {
      functional: [{ id: 'FR-1', description: 'Create projects', priority: 'must' as const }],
      non_functional: [{ id: 'NFR-1', description: 'Works offline on the train', category: 'offline' as const }],
      constraints: [],
    };
    const output = await run(PROJECT_MODEL, { requirements });
    expect(output.architecture.stack.technologies.map((tech) => tech.category)).toContain('Offline');
    expect(output.architecture_markdown).toContain('Works offline on the train');
    expect((await run(PROJECT_MODEL)).architecture.stack.technologies.map((tech) => tech.category)).not.toContain('Offline');
  });
});

describe('stack presets', () => {
  it('defaults to Lovable’s stack: React, Vite, Tailwind, shadcn/ui on Supabase', async () => {
    const { stack } = (await run(PROJECT_MODEL)).architecture;
    expect(stack.preset).toBe('vite-react');
    expect(stack.frontend).toMatch(/React 19\.\d+\.\d+ \+ Vite \d+\.\d+\.\d+/);
    expect(stack.backend).toContain('Supabase');
    const versions = Object.fromEntries(stack.technologies.map((tech) => [tech.technology, tech.version]));
    expect(versions['React']).toMatch(/^19\./);
    expect(versions['react-router-dom']).toMatch(/^7\./);
    expect(versions['@tanstack/react-query']).toMatch(/^5\./);
    expect(versions['Tailwind CSS']).toMatch(/^4\./);
    expect(versions['PostgreSQL (Supabase)']).toBe('15');
  });

  it('pins the same versions as the package.json the dev agent writes', async () => {
    const versions = (await run(PROJECT_MODEL)).architecture.stack.technologies.map((tech) => `${tech.technology} ${tech.version}`).join('\n');
    const nextVersions = (await run(PROJECT_MODEL, { stack_preference: 'nextjs-react' })).architecture.stack.technologies.map((tech) => tech.version).join('\n');
    for (const name of ['react', 'react-router-dom', '@tanstack/react-query', 'vite', 'tailwindcss', 'typescript', 'lucide-react'] as const) {
      expect(versions, name).toContain(DEV_VERSIONS[name]);
    }
    expect(versions).toContain(`supabase-js ${DEV_VERSIONS['@supabase/supabase-js']}`);
    expect(nextVersions).toContain(DEV_VERSIONS.next);
    expect(nextVersions).toContain(DEV_VERSIONS['@supabase/ssr']);
  });

  it('switches to Next.js on Vercel with route handlers for nextjs-react', async () => {
    const vite = await run(MARKET_MODEL);
    const next = await run(MARKET_MODEL, { stack_preference: 'nextjs-react' });
    expect(next.architecture.stack.preset).toBe('nextjs-react');
    expect(next.architecture.stack.frontend).toContain('Next.js');
    expect(next.architecture.stack.deployment).toContain('Vercel');
    expect(next.architecture.stack.technologies).not.toEqual(vite.architecture.stack.technologies);
    const paths = next.architecture.api_design.endpoints.map((endpoint) => endpoint.path);
    expect(paths).toEqual(expect.arrayContaining(['/api/create-checkout-session', '/api/stripe/webhook', '/auth/callback']));
    expect(paths.some((path) => path.startsWith('/functions/v1/'))).toBe(false);
    expect(next.architecture_markdown).toContain('NEXT_PUBLIC_SUPABASE_URL');
    expect(next.migration_sql).toBe(vite.migration_sql);
  });
});
