import { describe, expect, it } from 'vitest';
import { readModel } from '../../src/agents/analyst.js';
import { designArchitecture } from '../../src/agents/architect.js';
import { standaloneContext } from '../../src/agents/agent.js';
import { buildDataModel } from '../../src/agents/architect/data-model.js';
import { expandModel } from '../../src/agents/product.js';
import { figuresIn, statedViews } from '../../src/agents/stated-views.js';
import { ThrowawayDatabase, postgresReady } from './architect/supabase-postgres.js';

/** The screens an idea names, read from the product model's features, and what the architect gives them. */
const RESTAURANT = `A restaurant reservation app. Guests book tables for a date and time with a party size. Hosts see a floor plan of the tables and a calendar of the bookings. Managers see a dashboard with revenue per month.`;

describe('statedViews', () => {
  it('reads a calendar, a floor plan, a board and a dashboard with its figures from features, with the entity each shows', () => {
    const views = statedViews(
      [
        { text: 'see calendar of bookings', roles: ['host'], entities: ['booking'] },
        { text: 'see floor plan of tables', roles: ['host'], entities: [] },
        { text: 'kanban board', roles: [], entities: ['task'] },
        { text: 'see dashboard with revenue per month and bookings per week', roles: ['manager'], entities: [] },
        { text: 'see a heatmap', roles: [], entities: [] },
        { text: 'a calendar of shifts', roles: [], entities: ['shift'], priority: 'wont' },
      ],
      ['booking', 'table', 'task', 'shift'],
    );
    expect(views.map(({ kind, entity }) => [kind, entity])).toEqual([
      ['calendar', 'booking'],
      ['floor_plan', 'table'],
      ['board', 'task'],
      // "bookings per week" names what the dashboard counts.
      ['dashboard', 'booking'],
    ]);
    expect(views[3]?.figures).toEqual([
      { measure: 'revenue', per: 'month' },
      { measure: 'bookings', per: 'week' },
    ]);
  });

  it('reads figures per period, per value and in one word', () => {
    expect(figuresIn('pipeline dashboard with totals per stage')).toEqual([{ measure: 'totals', per: 'stage' }]);
    expect(figuresIn('a chart of monthly revenue')).toEqual([{ measure: 'revenue', per: 'month' }]);
    expect(figuresIn('see dashboard')).toEqual([]);
  });
});

describe('the views an idea states, from the reader to the data model', () => {
  it('keeps what a screen shows in the feature, and gives the tables the columns their views need', () => {
    const contract = readModel({ spec: RESTAURANT });
    const texts = (contract.features ?? []).map((feature) => [feature.text, feature.entities?.[0]]);
    expect(texts).toEqual(
      expect.arrayContaining([
        ['see floor plan of tables', 'table'],
        ['see calendar of bookings', 'booking'],
        ['see dashboard with revenue per month', undefined],
      ]),
    );
    const data = buildDataModel(expandModel(contract));
    const columns = (name: string) => data.tables.find((table) => table.name === name)?.columns ?? [];
    // A floor plan places each table on a grid; a calendar needs a day for each booking.
    expect(columns('tables').filter((column) => column.name.startsWith('position_')).map(({ name, type, nullable }) => ({ name, type, nullable }))).toEqual([
      { name: 'position_x', type: 'integer', nullable: true },
      { name: 'position_y', type: 'integer', nullable: true },
    ]);
    expect(columns('bookings').some((column) => column.type === 'timestamptz' && column.name !== 'created_at' && column.name !== 'updated_at')).toBe(true);
    expect(data.notes.join('\n')).toContain('floor plan of tables');
  });

  it('gives a stated board a status with lanes when the entity has none, and keeps a status it has', () => {
    const withStatus = buildDataModel(expandModel(readModel({ spec: 'A team task tracker: members create tasks with a title, a due date and a status (todo, doing, done), shown on a kanban board.' })));
    const tasks = withStatus.tables.find((table) => table.name === 'tasks');
    expect(tasks?.columns.filter((column) => column.name === 'status').map((column) => column.enum_values)).toEqual([['todo', 'doing', 'done']]);
    const without = buildDataModel(expandModel(readModel({ spec: 'An applicant tracking app. Recruiters add candidates with a name, an email and a phone number. Recruiters move candidates on a kanban board.' })));
    const candidates = without.tables.find((table) => table.name === 'candidates');
    expect(candidates?.columns.find((column) => column.name === 'status')).toMatchObject({ enum_values: ['to_do', 'in_progress', 'done'], default: "'to_do'", nullable: false });
  });
});

describe('a migration with the columns a stated view needs', () => {
  it('applies on PostgreSQL dressed as Supabase, keeps a place on the grid, and its pgTAP suite passes', async () => {
    await postgresReady();
    const model = expandModel(readModel({ spec: RESTAURANT }));
    const output = await designArchitecture({ spec: RESTAURANT }, { ...standaloneContext(), model });
    expect(output.migration_sql).toContain('position_x integer');
    const database = await ThrowawayDatabase.create('stated_views', 'none');
    try {
      await database.run(output.migration_sql);
      const proof = await database.prove(output.database_tests_sql);
      expect(proof.lines.filter((line) => !line.ok).map((line) => line.description), proof.output.slice(-3_000)).toEqual([]);
      expect(proof.passed).toBe(true);
      // A cell off the grid is refused by the table itself.
      const checks = await database.run(`select pg_get_constraintdef(oid) from pg_constraint where conrelid = 'public.tables'::regclass and conname like '%position%' order by conname;`);
      expect(checks).toContain('CHECK (((position_x >= 0) AND (position_x <= 99)))');
      expect(checks).toContain('CHECK (((position_y >= 0) AND (position_y <= 99)))');
    } finally {
      await database.drop();
    }
  }, 120_000);
});
