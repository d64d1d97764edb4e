import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchitectureOutput } from '../../src/contract/index.js';
import { designArchitecture } from '../../src/agents/architect.js';
import type { ProductModel } from '../../src/agents/model.js';
import { modelOf } from '../../src/agents/analyst.js';
import { PROJECT_MODEL } from '../fixtures/models.js';
import { SPEC_CASES } from '../fixtures/specs.js';
import { EMPTY_MODEL, MARKET_MODEL } from './architect/models.js';
import { RESET, SUPABASE_STANDIN } from '../fixtures/supabase.js';

/** Every generated migration is applied to a real PostgreSQL engine after the Supabase stand-in. */

// The spec cases join in as soon as the spec reader works; until then the hand-made models stand in.
const readerCases = SPEC_CASES.flatMap((specCase) => {
  try {
    return [{ id: specCase.id, model: modelOf(specCase.input) }];
  } catch {
    return [];
  }
});

const CASES: Array<{ id: string; model: ProductModel }> = [
  { id: 'project (hand-made)', model: PROJECT_MODEL },
  { id: 'marketplace (hand-made)', model: MARKET_MODEL },
  { id: 'empty spec', model: EMPTY_MODEL },
  ...readerCases,
];

async function design(model: ProductModel): Promise<ArchitectureOutput> {
  return designArchitecture({ spec: model.summary }, { signal: new AbortController().signal, progress: () => undefined, model });
}

let db: PGlite;

beforeAll(async () => {
  db = new PGlite();
  await db.exec(SUPABASE_STANDIN);
});

afterAll(async () => {
  await db.close();
});

describe.each(CASES)('migration of $id on PostgreSQL', ({ model }) => {
  let output: ArchitectureOutput;

  beforeAll(async () => {
    output = await design(model);
    await db.exec(RESET);
  });

  it('applies cleanly, and again over itself', async () => {
    await db.exec(output.migration_sql);
    await db.exec(output.migration_sql);
  });

  it('creates exactly the tables of the data model, each with row level security and policies', async () => {
    const tables = await db.query<{ relname: string; relrowsecurity: boolean; policies: number }>(`
      select c.relname, c.relrowsecurity, (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' order by c.relname`);
    const names = output.architecture.data_model.entities.map((entity) => entity.name).sort();
    expect(tables.rows.map((row) => row.relname)).toEqual(names);
    for (const row of tables.rows) {
      expect(row.relrowsecurity, `${row.relname} has row level security`).toBe(true);
      expect(row.policies, `${row.relname} has policies`).toBeGreaterThan(0);
    }
  });

  it('declares every foreign key of the data model, each with an index', async () => {
    const keys = await db.query<{ tbl: string; col: string; target: string; indexed: boolean }>(`
      select cl.relname as tbl, a.attname as col, rn.nspname || '.' || rf.relname as target,
        exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = a.attnum) as indexed
      from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid join pg_namespace n on n.oid = cl.relnamespace
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      join pg_class rf on rf.oid = c.confrelid join pg_namespace rn on rn.oid = rf.relnamespace
      where c.contype = 'f' and n.nspname = 'public'`);
    const found = new Set(keys.rows.map((row) => `${row.tbl}.${row.col} -> ${row.target}`));
    const declared = output.architecture.data_model.entities.flatMap((entity) =>
      entity.fields
        .filter((field) => field.references)
        .map((field) => {
          const target = field.references!.replace(/\.id$/, '');
          return `${entity.name}.${field.name} -> ${target.includes('.') ? target : `public.${target}`}`;
        }),
    );
    expect(declared.length).toBeGreaterThan(0);
    expect([...found].sort()).toEqual([...new Set(declared)].sort());
    for (const row of keys.rows) expect(row.indexed, `index on ${row.tbl}.${row.col}`).toBe(true);
  });
});

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const CAROL = '33333333-3333-4333-8333-333333333333';

/** Runs statements as a signed-in person: the `authenticated` role with their id in the JWT claim. */
async function as<T>(user: string, work: () => Promise<T>): Promise<T> {
  await db.exec('set role authenticated');
  await db.query(`select set_config('request.jwt.claim.sub', $1, false)`, [user]);
  try {
    return await work();
  } finally {
    await db.exec('reset role');
    await db.query(`select set_config('request.jwt.claim.sub', '', false)`);
  }
}

const count = async (sql: string): Promise<number> => (await db.query<{ n: number }>(`select count(*)::int as n from (${sql}) q`)).rows[0]!.n;

describe('row level security of the project model, as real users', () => {
  let project: string;

  beforeAll(async () => {
    const output = await design(PROJECT_MODEL);
    await db.exec(RESET);
    await db.exec(output.migration_sql);
    await db.query(`insert into auth.users (id, email) values ($1, 'alice@example.com'), ($2, 'bob@example.com')`, [ALICE, BOB]);
    // Asking for the admin role at sign-up must not work.
    await db.query(`insert into auth.users (id, email, raw_user_meta_data) values ($1, 'carol@example.com', '{"role": "admin"}')`, [CAROL]);
    project = await as(ALICE, async () => {
      const inserted = await db.query<{ id: string }>(`insert into public.projects (name) values ('Website relaunch') returning id`);
      const id = inserted.rows[0]!.id;
      await db.query(`insert into public.tasks (title, project_id) values ('Design the home page', $1)`, [id]);
      return id;
    });
  });

  it('gives every new user a profile with the default role, never an administrative one', async () => {
    const roles = await db.query<{ id: string; role: string }>('select id, role from public.profiles order by id');
    expect(roles.rows).toEqual([
      { id: ALICE, role: 'member' },
      { id: BOB, role: 'member' },
      { id: CAROL, role: 'member' },
    ]);
  });

  it('lets the owner read their project and its tasks', async () => {
    await as(ALICE, async () => {
      expect(await count('select * from public.projects')).toBe(1);
      expect(await count('select * from public.tasks')).toBe(1);
    });
  });

  it('hides one person’s rows from another', async () => {
    await as(BOB, async () => {
      expect(await count('select * from public.projects')).toBe(0);
      expect(await count('select * from public.tasks')).toBe(0);
      const updated = await db.query(`update public.projects set name = 'Hijacked' where id = $1`, [project]);
      expect(updated.affectedRows ?? 0).toBe(0);
    });
  });

  it('refuses a task added to someone else’s project', async () => {
    await expect(as(BOB, () => db.query(`insert into public.tasks (title, project_id) values ('Sneaky', $1)`, [project]))).rejects.toThrow(/row-level security/);
  });

  it('refuses rows owned in someone else’s name', async () => {
    await expect(as(BOB, () => db.query(`insert into public.projects (name, owner_id) values ('Forged', $1)`, [ALICE]))).rejects.toThrow(/row-level security/);
  });

  it('shows a project and its tasks to a member once the owner adds them', async () => {
    await expect(as(BOB, () => db.query(`insert into public.project_members (project_id, member_id) values ($1, $2)`, [project, BOB]))).rejects.toThrow(/row-level security/);
    await as(ALICE, () => db.query(`insert into public.project_members (project_id, member_id) values ($1, $2)`, [project, BOB]));
    await as(BOB, async () => {
      expect(await count('select * from public.projects')).toBe(1);
      expect(await count('select * from public.tasks')).toBe(1);
      const counts = await db.query<{ status: string; item_count: number }>('select status, item_count::int from public.tasks_by_status()');
      expect(counts.rows).toEqual([{ status: 'todo', item_count: 1 }]);
    });
    await as(CAROL, async () => expect(await count('select * from public.tasks')).toBe(0));
    // A member works in the project but does not decide who else joins it.
    await expect(as(BOB, () => db.query(`insert into public.project_members (project_id, member_id) values ($1, $2)`, [project, CAROL]))).rejects.toThrow(/row-level security/);
  });

  it('does not let people raise their own role', async () => {
    await expect(as(BOB, () => db.query(`update public.profiles set role = 'admin' where id = $1`, [BOB]))).rejects.toThrow(/permission denied/);
    await expect(as(BOB, () => db.query(`select public.set_user_role($1, 'admin')`, [BOB]))).rejects.toThrow(/only admin can change roles/);
    await as(BOB, () => db.query(`update public.profiles set display_name = 'Bobby' where id = $1`, [BOB]));
    expect((await db.query<{ role: string; display_name: string }>('select role, display_name from public.profiles where id = $1', [BOB])).rows[0]).toEqual({
      role: 'member',
      display_name: 'Bobby',
    });
  });

  it('lets an administrator see everything and appoint roles', async () => {
    await db.query(`update public.profiles set role = 'admin' where id = $1`, [CAROL]);
    await as(CAROL, async () => {
      expect(await count('select * from public.projects')).toBe(1);
      await db.query(`select public.set_user_role($1, 'admin')`, [BOB]);
    });
    expect((await db.query<{ role: string }>('select role from public.profiles where id = $1', [BOB])).rows[0]?.role).toBe('admin');
  });

  it('keeps anonymous visitors out', async () => {
    await db.exec('set role anon');
    try {
      await expect(db.query('select * from public.projects')).rejects.toThrow(/permission denied/);
    } finally {
      await db.exec('reset role');
    }
  });
});

describe('row level security of the marketplace model', () => {
  beforeAll(async () => {
    const output = await design(MARKET_MODEL);
    await db.exec(RESET);
    await db.exec(output.migration_sql);
    await db.query(
      `insert into auth.users (id, email, raw_user_meta_data) values ($1, 'seller@example.com', '{"role": "seller"}'), ($2, 'buyer@example.com', '{}')`,
      [ALICE, BOB],
    );
  });

  it('lets a seller list a product that buyers can browse but not change', async () => {
    const product = await as(ALICE, async () => {
      const shop = await db.query<{ id: string }>(`insert into public.shops (name, slug) values ('Clay Corner', 'clay-corner') returning id`);
      const inserted = await db.query<{ id: string }>(
        `insert into public.products (title, sku, price, shop_id) values ('Mug', 'MUG-1', 18.50, $1) returning id`,
        [shop.rows[0]!.id],
      );
      return inserted.rows[0]!.id;
    });
    await as(BOB, async () => {
      expect(await count('select * from public.products')).toBe(1);
      const updated = await db.query(`update public.products set price = 1 where id = $1`, [product]);
      expect(updated.affectedRows ?? 0).toBe(0);
    });
  });

  it('only lets the roles that create a thing create it', async () => {
    await expect(as(BOB, () => db.query(`insert into public.shops (name, slug) values ('Fake', 'fake')`))).rejects.toThrow(/row-level security/);
    await expect(as(ALICE, () => db.query(`insert into public.categories (name) values ('Pottery')`))).rejects.toThrow(/row-level security/);
  });

  it('lets only the order’s owner add items to it', async () => {
    const order = await as(BOB, async () => (await db.query<{ id: string }>(`insert into public.orders default values returning id`)).rows[0]!.id);
    const product = (await db.query<{ id: string }>('select id from public.products limit 1')).rows[0]!.id;
    const addItem = () => db.query(`insert into public.order_items (order_id, product_id, quantity, unit_price) values ($1, $2, 1, 18.50)`, [order, product]);
    await expect(as(ALICE, addItem)).rejects.toThrow(/row-level security/);
    await as(BOB, addItem);
    await as(BOB, async () => expect(await count('select * from public.order_items')).toBe(1));
    await as(ALICE, async () => expect(await count('select * from public.order_items')).toBe(0));
  });

  it('creates the private upload bucket and broadcasts changes through Realtime', async () => {
    expect((await db.query<{ id: string; public: boolean }>('select id, public from storage.buckets')).rows).toEqual([{ id: 'uploads', public: false }]);
    const policies = await db.query<{ policyname: string }>(`select policyname from pg_policies where schemaname = 'storage' order by policyname`);
    expect(policies.rows.map((row) => row.policyname)).toEqual(['uploads_read', 'uploads_write']);
    const broadcast = await db.query<{ tablename: string }>(`select tablename from pg_publication_tables where pubname = 'supabase_realtime' and schemaname = 'public'`);
    expect(broadcast.rows.map((row) => row.tablename)).toContain('orders');
  });

  it('enforces the spec’s constraints: unique SKU, prices not negative, ratings 1 to 5', async () => {
    await as(ALICE, async () => {
      const shop = (await db.query<{ id: string }>('select id from public.shops limit 1')).rows[0]!.id;
      await expect(db.query(`insert into public.products (title, sku, price, shop_id) values ('Again', 'MUG-1', 5, $1)`, [shop])).rejects.toThrow(/unique/);
      await expect(db.query(`insert into public.products (title, sku, price, shop_id) values ('Cheap', 'C-1', -1, $1)`, [shop])).rejects.toThrow(/check constraint/);
    });
    await as(BOB, async () => {
      const product = (await db.query<{ id: string }>('select id from public.products limit 1')).rows[0]!.id;
      await expect(db.query(`insert into public.reviews (rating, product_id) values (6, $1)`, [product])).rejects.toThrow(/check constraint/);
      await db.query(`insert into public.reviews (rating, product_id) values (5, $1)`, [product]);
    });
  });
});
