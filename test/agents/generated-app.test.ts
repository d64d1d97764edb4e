import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standaloneContext } from '../../src/agents/agent.js';
import { generateCode } from '../../src/agents/dev.js';
import type { CodeOutput, StackPreset } from '../../src/contract/index.js';
import { SALON_ARCHITECTURE, SALON_MODEL } from '../fixtures/salon.js';
import { SPEC_CASES } from '../fixtures/specs.js';

/**
 * Generated projects as a person gets them: written to a folder outside the repository, installed
 * from the npm registry with npm (which refuses pins whose peer ranges conflict), built, linted
 * and tested with their own scripts, for ideas of specs.ts run through every agent. Then a salon
 * booking app (the hand-made design of fixtures/salon.ts, so that what the browser checks does not
 * move with the idea reader), built once without its Supabase settings and once pointed at a
 * server that never answers, is opened in Debian's Chromium, and so is the Next.js project. Screenshots land in
 * test-output/generated-app/ (gitignored).
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SHOTS = join(REPO, 'test-output', 'generated-app');
const CHROMIUM = '/usr/bin/chromium';

const PROJECTS: Array<{ id: string; preset: StackPreset }> = [
  { id: 'booking', preset: 'vite-react' },
  { id: 'project-management', preset: 'vite-react' },
  { id: 'quiz', preset: 'vite-react' },
  { id: 'crm', preset: 'nextjs-react' },
];

let root = '';
const timings: string[] = [];
/** Screenshots older than this are from an earlier run. */
const runStarted = Date.now();

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'aios-generated-app-'));
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(() => {
  if (timings.length > 0) console.log(`generated projects (seconds):\n${timings.join('\n')}`);
  // Four node_modules folders: a minute or more on a busy disk.
  if (root) rmSync(root, { recursive: true, force: true });
}, 300_000);

/** The environment of a shell a person opens: none of npm's or vitest's own variables. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|VITE_|NEXT_PUBLIC_)/i.test(key) && key !== 'npm_config_cache') continue;
    if (key === 'NODE_ENV' || key === 'INIT_CWD' || key === 'TEST') continue;
    env[key] = value;
  }
  return { ...env, CI: 'true', NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

function run(dir: string, command: string, args: string[], env: NodeJS.ProcessEnv = cleanEnv()): number {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  // The tool's own report, so that a failure names the generated file and line at fault.
  if (result.status !== 0) expect.fail(`${command} ${args.join(' ')} in ${dir} exited ${result.status}:\n${output.slice(-6000)}`);
  return (Date.now() - started) / 1000;
}

async function writeProject(id: string, preset: StackPreset): Promise<string> {
  const spec = SPEC_CASES.find((candidate) => candidate.id === id);
  if (!spec) throw new Error(`no spec case ${id}`);
  return writeFiles(`${id}-${preset}`, await generateCode({ ...spec.input, framework: preset }));
}

function writeFiles(name: string, output: CodeOutput): string {
  const dir = join(root, name);
  for (const file of output.files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
  return dir;
}

const dirs = new Map<string, string>();

describe.sequential('generated projects install, build, lint and test with their own scripts', () => {
  for (const { id, preset } of PROJECTS) {
    it(`${id} on ${preset}`, async () => {
      const dir = await writeProject(id, preset);
      dirs.set(id, dir);
      const install = run(dir, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']);
      // Without the Supabase settings: the check runs in the browser, not in the build.
      const build = run(dir, 'npm', ['run', 'build']);
      const lint = run(dir, 'npm', ['run', 'lint']);
      const test = run(dir, 'npm', ['test']);
      timings.push(`  ${id} (${preset}): install ${install.toFixed(1)}, build ${build.toFixed(1)}, lint ${lint.toFixed(1)}, test ${test.toFixed(1)}`);
    }, 600_000);
  }

  it('salon, with the views its idea states (calendar, floor plan, figures), on nextjs-react: type-check, lint and test', async () => {
    // The Next.js project above pins the same packages: the salon uses its installation.
    const installed = dirs.get('crm');
    if (!installed || !existsSync(join(installed, 'node_modules'))) throw new Error('the nextjs-react project was not installed (see above)');
    const output = await generateCode({ spec: SALON_MODEL.summary, architecture: SALON_ARCHITECTURE, framework: 'nextjs-react' }, { ...standaloneContext(), model: SALON_MODEL });
    const paths = output.files.map((generatedFile) => generatedFile.path);
    expect(paths).toEqual(expect.arrayContaining(['components/views/CalendarView.tsx', 'components/views/FloorPlanView.tsx', 'components/views/FigureBars.tsx']));
    const dir = writeFiles('salon-nextjs-react', output);
    symlinkSync(join(installed, 'node_modules'), join(dir, 'node_modules'), 'dir');
    run(dir, 'npm', ['run', 'typecheck']);
    run(dir, 'npm', ['run', 'lint']);
    run(dir, 'npm', ['test']);
  }, 300_000);
});

/** Serves a built single-page app: files as they are, every other path the index page. */
function serveApp(dir: string): Promise<{ server: Server; url: string }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };
  const server = createHttpServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
    response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

const USER_ID = '11111111-1111-4111-8111-111111111111';
const STAMP = '2026-03-01T10:00:00+00:00';

/** What the fake project holds: one customer, a service with its steps, two stations on the floor plan, three appointments. */
function salonRows(): Record<string, Array<Record<string, unknown>>> {
  const owned = { owner_id: USER_ID, created_at: STAMP, updated_at: STAMP };
  return {
    profiles: [{ id: USER_ID, display_name: 'Ada', avatar_url: null, role: 'customer', created_at: STAMP, updated_at: STAMP }],
    services: [{ id: 'svc-1', name: 'Cut and style', duration: 45, price: 55.5, steps: ['Wash', 'Cut', 'Style'], ...owned }],
    stations: [
      { id: 'st-1', name: 'Window chair', position_x: 2, position_y: 0, ...owned },
      { id: 'st-2', name: 'Basin', position_x: 0, position_y: 1, ...owned },
    ],
    appointments: [
      // 13:30 UTC on 29 March 2026 is 09:30 in New York (daylight saving time has begun there).
      { id: 'apt-1', title: 'Ada, cut and style', starts_at: '2026-03-29T13:30:00+00:00', status: 'pending', service_id: 'svc-1', station_id: 'st-1', amount_paid: 40, ...owned },
      { id: 'apt-2', title: 'Grace, colour', starts_at: '2026-03-30T15:00:00+00:00', status: 'confirmed', service_id: 'svc-1', station_id: 'st-2', amount_paid: 60.25, ...owned },
      { id: 'apt-3', title: 'Joan, trim', starts_at: '2026-04-02T14:00:00+00:00', status: 'confirmed', service_id: 'svc-1', station_id: null, amount_paid: 20, ...owned },
    ],
    reviews: [],
  };
}

interface Recorded {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
}

/**
 * Just enough of Supabase's REST and Auth APIs for the app: rows filtered by `column=eq.value`,
 * one row for `Accept: application/vnd.pgrst.object+json`, updates, and sign-up without a
 * session (email to confirm). While `silent`, it takes requests and never answers: what a hung
 * or firewalled server looks like.
 */
interface FakeSupabase {
  server: Server;
  url: string;
  /** Every request answered, in order. */
  requests: Recorded[];
  /** Requests held open while silent. */
  hangs: Set<ServerResponse>;
  setSilent: (silent: boolean) => void;
}

async function fakeSupabase(): Promise<FakeSupabase> {
  const rows = salonRows();
  const requests: Recorded[] = [];
  const hangs = new Set<ServerResponse>();
  let silent = true;
  const server = createHttpServer((request, response) => {
    if (silent) {
      hangs.add(response);
      response.on('close', () => hangs.delete(response));
      return;
    }
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': '*', 'Access-Control-Expose-Headers': '*' };
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors).end();
      return;
    }
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      requests.push({ method: request.method ?? 'GET', path: `${url.pathname}${url.search}`, body });
      const json = (status: number, value: unknown) => response.writeHead(status, { ...cors, 'Content-Type': 'application/json' }).end(JSON.stringify(value));
      if (url.pathname === '/auth/v1/signup') {
        json(200, { id: '22222222-2222-4222-8222-222222222222', aud: 'authenticated', role: 'authenticated', email: body?.['email'], user_metadata: body?.['data'] ?? {}, app_metadata: {}, created_at: STAMP });
        return;
      }
      const table = /^\/rest\/v1\/(\w+)$/.exec(url.pathname)?.[1];
      if (!table || !rows[table]) {
        json(404, { message: `no ${url.pathname}` });
        return;
      }
      const filters = [...url.searchParams].filter(([key, value]) => !['select', 'order', 'limit', 'offset'].includes(key) && value.startsWith('eq.'));
      let matched = rows[table].filter((row) => filters.every(([key, value]) => String(row[key]) === value.slice(3)));
      if (request.method === 'PATCH' && body) matched = matched.map((row) => Object.assign(row, body));
      const one = (request.headers['accept'] ?? '').includes('vnd.pgrst.object');
      if (one && matched.length !== 1) json(406, { message: 'JSON object requested, multiple (or no) rows returned', code: 'PGRST116' });
      else json(200, one ? matched[0] : matched);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const setSilent = (value: boolean) => {
    silent = value;
    // Back online: the requests held so far fail, as a restarted server's would, and free the browser's connections.
    if (!value) for (const response of hangs) response.destroy();
  };
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, hangs, setSilent };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A stored Supabase session that is valid for an hour: the app starts signed in without asking the server. */
function storedSession(): { key: string; value: string } {
  const now = Math.floor(Date.now() / 1000);
  const base64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const user = { id: USER_ID, aud: 'authenticated', role: 'authenticated', email: 'ada@example.com' };
  const token = `${base64({ alg: 'HS256', typ: 'JWT' })}.${base64({ sub: user.id, role: 'authenticated', aud: 'authenticated', exp: now + 3600, iat: now })}.c2lnbmF0dXJl`;
  const session = {
    access_token: token,
    refresh_token: 'refresh-token',
    token_type: 'bearer',
    expires_in: 3600,
    expires_at: now + 3600,
    user: { ...user, app_metadata: { provider: 'email' }, user_metadata: {}, created_at: new Date().toISOString() },
  };
  // supabase-js names the key after the first label of the project's host: 127.0.0.1 → "127".
  return { key: 'sb-127-auth-token', value: JSON.stringify(session) };
}

/** Puts a value in the page's localStorage (the repository's types have no DOM, so through globalThis). */
async function storeInPage(page: Page, entry: { key: string; value: string } | undefined): Promise<void> {
  await page.evaluate((item) => {
    const storage = (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void; clear(): void } }).localStorage;
    if (item) storage.setItem(item.key, item.value);
    else storage.clear();
  }, entry);
}

describe.sequential('the generated salon booking app in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let profile = '';
  let salon = '';
  let unconfigured = '';
  let configured = '';
  const servers: Server[] = [];
  let backend: FakeSupabase;

  beforeAll(async () => {
    // The Vite projects pin the same packages: the salon app uses the first one's installation.
    const installed = PROJECTS.filter((project) => project.preset === 'vite-react')
      .map((project) => dirs.get(project.id))
      .find((dir): dir is string => dir !== undefined && existsSync(join(dir, 'node_modules')));
    if (!installed) throw new Error('no vite-react project was installed (see the install tests above)');
    const output = await generateCode({ spec: SALON_MODEL.summary, architecture: SALON_ARCHITECTURE }, { ...standaloneContext(), model: SALON_MODEL });
    salon = writeFiles('salon-vite-react', output);
    symlinkSync(join(installed, 'node_modules'), join(salon, 'node_modules'), 'dir');
    // Once without the Supabase settings, once with them: Vite writes them into the bundle. Its
    // views (calendar, floor plan, figures) pass the project's own lint and tests too.
    run(salon, 'npm', ['run', 'build']);
    run(salon, 'npm', ['run', 'lint']);
    run(salon, 'npm', ['test']);
    backend = await fakeSupabase();
    servers.push(backend.server);
    const env = cleanEnv({ VITE_SUPABASE_URL: backend.url, VITE_SUPABASE_ANON_KEY: 'anon-key-for-the-test' });
    run(salon, process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', 'dist-backend', '--logLevel', 'error'], env);
    for (const [folder, set] of [['dist', (url: string) => (unconfigured = url)], ['dist-backend', (url: string) => (configured = url)]] as const) {
      const app = await serveApp(join(salon, folder));
      servers.push(app.server);
      set(app.url);
    }
    profile = mkdtempSync(join(tmpdir(), 'aios-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      // A zone far from UTC, so that a datetime field that shifted by the offset would show it.
      timezoneId: 'America/New_York',
      locale: 'en-US',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    for (const response of backend?.hangs ?? []) response.destroy();
    for (const server of servers) await close(server);
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('shows the configuration screen, naming both settings, when the build has none', async () => {
    await page.goto(`${unconfigured}/appointments`);
    await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 10_000 }).toBe('Connect Snip to Supabase');
    const problems = await page.getByRole('alert').textContent();
    expect(problems).toContain('VITE_SUPABASE_URL is not set.');
    expect(problems).toContain('VITE_SUPABASE_ANON_KEY is not set.');
    await page.screenshot({ path: join(SHOTS, 'configuration-screen.png'), fullPage: true });
  }, 60_000);

  describe.sequential('with a backend that never answers', () => {
    beforeAll(() => backend.setSilent(true));

    it('greets visitors with what the product does, not the designer notes', async () => {
      await page.goto(configured);
      expect(await page.locator('section p').first().textContent()).toBe('A booking app for hair salons.');
      const features = await page.getByRole('region', { name: 'Features' }).textContent();
      expect(features).toContain('Customers book appointments.');
      expect(features).not.toMatch(/created by|belongs to|Say what/);
      await page.screenshot({ path: join(SHOTS, 'home.png'), fullPage: true });
    }, 60_000);

    it('says the server is unreachable within 10 s when signing in', async () => {
      await page.goto(`${configured}/login`);
      await page.getByLabel('Email').fill('ada@example.com');
      await page.getByLabel('Password').fill('correct horse battery staple');
      const started = Date.now();
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 10_000 });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await alert.textContent()).toMatch(/took too long|could not be reached/);
    }, 60_000);

    it('shows an error with a Retry button within 10 s on a list and on the dashboard, never an empty state', async () => {
      await storeInPage(page, storedSession());
      for (const path of ['/appointments', '/dashboard']) {
        const started = Date.now();
        await page.goto(`${configured}${path}`);
        await page.getByRole('button', { name: 'Retry' }).waitFor({ timeout: 10_000 });
        expect(Date.now() - started, path).toBeLessThan(10_000);
        expect(await page.getByRole('alert').first().textContent()).toMatch(/Could not load[^]*(took too long|could not be reached)/);
        expect(await page.getByText('No appointments yet.').count()).toBe(0);
        expect(await page.getByText('Nothing here yet.').count()).toBe(0);
      }
      await page.screenshot({ path: join(SHOTS, 'dashboard-unreachable.png'), fullPage: true });
      // Retry asks again: the figures load anew, and the error comes back when the new attempt fails too.
      const retry = page.getByRole('button', { name: 'Retry' });
      await retry.click();
      await retry.waitFor({ state: 'detached', timeout: 5_000 });
      expect(await page.getByText('Loading…').count()).toBeGreaterThan(0);
      await retry.waitFor({ timeout: 10_000 });
    }, 60_000);
  });

  describe.sequential('with a backend that answers', () => {
    beforeAll(() => backend.setSilent(false));

    const sent = (method: string, path: string) => backend.requests.filter((request) => request.method === method && request.path.startsWith(path));

    it('signs a person up with the role they picked, never an administrator', async () => {
      await page.goto(`${configured}/signup`);
      await storeInPage(page, undefined);
      await page.reload();
      const roles = page.getByRole('group', { name: 'I am signing up as' });
      await roles.waitFor({ timeout: 10_000 });
      expect(await roles.getByRole('radio', { name: 'Customer' }).isChecked()).toBe(true);
      expect(await roles.getByRole('radio', { name: 'Admin' }).count()).toBe(0);
      await roles.getByRole('radio', { name: 'Stylist' }).check();
      await page.getByLabel('Email').fill('grace@example.com');
      await page.getByLabel('Password').fill('correct horse battery staple');
      await page.screenshot({ path: join(SHOTS, 'sign-up.png'), fullPage: true });
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('status').waitFor({ timeout: 10_000 });
      expect(sent('POST', '/auth/v1/signup').at(-1)?.body).toMatchObject({ email: 'grace@example.com', data: { role: 'stylist' } });
    }, 60_000);

    it('saves Settings without the role, so that the save is allowed', async () => {
      await storeInPage(page, storedSession());
      await page.goto(`${configured}/settings`);
      await page.getByText('Role: Customer').waitFor({ timeout: 10_000 });
      await page.getByLabel('Display name').fill('Ada Lovelace');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved.').waitFor({ timeout: 10_000 });
      expect(sent('PATCH', '/rest/v1/profiles').at(-1)?.body).toEqual({ display_name: 'Ada Lovelace', avatar_url: null });
    }, 60_000);

    it('saves a datetime unchanged when a person saves without touching it', async () => {
      await page.goto(`${configured}/appointments/apt-1/edit`);
      const startsAt = page.getByLabel('Starts at');
      await expect.poll(() => startsAt.inputValue(), { timeout: 10_000 }).toBe('2026-03-29T09:30');
      await page.screenshot({ path: join(SHOTS, 'appointment-form.png'), fullPage: true });
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expect.poll(() => sent('PATCH', '/rest/v1/appointments?id=eq.apt-1').length, { timeout: 10_000 }).toBe(1);
      const saved = sent('PATCH', '/rest/v1/appointments?id=eq.apt-1')[0]?.body;
      expect(new Date(String(saved?.['starts_at'])).toISOString()).toBe('2026-03-29T13:30:00.000Z');
    }, 60_000);

    it('opens appointments on the month calendar the idea asks for, each on its local day, and turns the month', async () => {
      // The day before the first appointment: the calendar opens on the month of the next one.
      const before = await context.newPage();
      await before.clock.setFixedTime(new Date('2026-03-28T15:00:00Z'));
      await before.goto(`${configured}/appointments`);
      const march = before.getByRole('table', { name: 'March 2026' });
      await march.waitFor({ timeout: 10_000 });
      expect(await before.getByRole('button', { name: 'Calendar' }).getAttribute('aria-pressed')).toBe('true');
      const sunday = march.getByRole('cell', { name: 'Sunday, March 29, 2026' });
      expect(await sunday.textContent()).toMatch(/09:30 AM\s*Ada, cut and style/);
      expect(await march.getByRole('cell', { name: 'Monday, March 30, 2026' }).textContent()).toContain('Grace, colour');
      // Monday first: the grid starts on 23 February and ends on 5 April.
      const cells = await march.getByRole('cell').evaluateAll((found) => found.map((cell) => cell.getAttribute('aria-label')));
      expect([cells.length, cells[0], cells.at(-1)]).toEqual([42, 'Monday, February 23, 2026', 'Sunday, April 5, 2026']);
      await before.screenshot({ path: join(SHOTS, 'appointments-calendar.png'), fullPage: true });
      await before.getByRole('button', { name: 'Next month' }).click();
      const april = before.getByRole('table', { name: 'April 2026' });
      await april.waitFor({ timeout: 10_000 });
      expect(await april.getByRole('cell', { name: 'Thursday, April 2, 2026' }).textContent()).toContain('Joan, trim');
      await before.close();
    }, 60_000);

    it('lays out the stations on the floor plan where they stand, each with its day', async () => {
      // The salon's morning of 29 March: the window chair has an appointment at 09:30, the basin none.
      const morning = await context.newPage();
      await morning.clock.setFixedTime(new Date('2026-03-29T12:00:00Z'));
      await morning.goto(`${configured}/stations`);
      const plan = morning.getByRole('list', { name: 'Floor plan' });
      await plan.waitFor({ timeout: 10_000 });
      const chair = plan.getByRole('listitem').filter({ hasText: 'Window chair' });
      const basin = plan.getByRole('listitem').filter({ hasText: 'Basin' });
      await expect.poll(() => chair.textContent(), { timeout: 10_000 }).toMatch(/Booked today: 09:30\sAM/);
      expect(await basin.textContent()).toContain('Free today');
      // Grid column 3, row 1 and column 1, row 2: position_x and position_y from 0 at the top left.
      const cell = (item: typeof chair) => item.evaluate((element) => [element.style.gridColumn, element.style.gridRow].map((value) => value.split(' ')[0]));
      expect(await cell(chair)).toEqual(['3', '1']);
      expect(await cell(basin)).toEqual(['1', '2']);
      await morning.screenshot({ path: join(SHOTS, 'stations-floor-plan.png'), fullPage: true });
      await morning.close();
    }, 60_000);

    it('shows appointments on a board by status, moves one, and lists them by day', async () => {
      await page.goto(`${configured}/appointments`);
      await page.getByRole('button', { name: 'Board' }).click();
      const pending = page.getByRole('region', { name: 'Pending' });
      await pending.getByText('Ada, cut and style').waitFor({ timeout: 10_000 });
      expect(await page.getByRole('region', { name: 'Confirmed' }).getByText('Grace, colour').count()).toBe(1);
      await page.screenshot({ path: join(SHOTS, 'appointments-board.png'), fullPage: true });
      await pending.getByRole('combobox', { name: 'Move to' }).selectOption('confirmed');
      await expect.poll(() => sent('PATCH', '/rest/v1/appointments?id=eq.apt-1').at(-1)?.body, { timeout: 10_000 }).toEqual({ status: 'confirmed' });
      await page.getByRole('button', { name: 'Agenda' }).click();
      const sunday = page.getByRole('region', { name: 'Sunday, March 29, 2026' });
      await sunday.waitFor({ timeout: 10_000 });
      expect(await sunday.textContent()).toMatch(/09:30 AM\s*Ada, cut and style/);
      await page.screenshot({ path: join(SHOTS, 'appointments-agenda.png'), fullPage: true });
    }, 60_000);

    it('adds up money on the dashboard, shows the revenue per month the idea asks for, and counts appointments per status', async () => {
      await page.goto(`${configured}/dashboard`);
      const total = page.getByText('Total price of services').locator('xpath=../..');
      await expect.poll(() => total.textContent(), { timeout: 10_000 }).toContain('55.50');
      const revenue = page.getByRole('table', { name: 'Revenue per month' });
      expect(await revenue.getByRole('row', { name: /March 2026/ }).textContent()).toContain('100.25');
      expect(await revenue.getByRole('row', { name: /April 2026/ }).textContent()).toContain('20.00');
      const lanes = page.getByRole('table').filter({ hasText: 'Status' });
      expect(await lanes.getByRole('row', { name: /Confirmed/ }).textContent()).toContain('3');
      await page.screenshot({ path: join(SHOTS, 'dashboard.png'), fullPage: true });
    }, 60_000);

    it('edits a service\'s steps item by item and shows its appointments on its page', async () => {
      await page.goto(`${configured}/services/svc-1/edit`);
      await expect.poll(() => page.getByLabel('Step 3', { exact: true }).inputValue(), { timeout: 10_000 }).toBe('Style');
      expect(await page.getByLabel('Price').getAttribute('step')).toBe('0.01');
      expect(await page.getByLabel('Duration').getAttribute('step')).toBe('1');
      await page.getByRole('button', { name: 'Add step' }).click();
      await page.getByLabel('Step 4', { exact: true }).fill('Dry');
      await page.getByRole('button', { name: 'Move step 4 up' }).click();
      await page.getByRole('button', { name: 'Add step' }).click();
      await page.getByRole('button', { name: 'Save changes' }).click();
      // The blank step is dropped; the order is the one on screen.
      await expect.poll(() => sent('PATCH', '/rest/v1/services?id=eq.svc-1').at(-1)?.body?.['steps'], { timeout: 10_000 }).toEqual(['Wash', 'Cut', 'Dry', 'Style']);
      await page.goto(`${configured}/services/svc-1`);
      await page.getByText('Grace, colour').waitFor({ timeout: 10_000 });
      expect(await page.getByRole('button', { name: 'Add appointment' }).count()).toBe(1);
      expect(await page.getByText('55.50', { exact: true }).count()).toBe(1);
      await page.screenshot({ path: join(SHOTS, 'service-details.png'), fullPage: true });
    }, 60_000);
  });

  it('keeps screenshots of the home page, sign-up and a form as test output', () => {
    for (const name of ['home.png', 'sign-up.png', 'appointment-form.png', 'appointments-calendar.png', 'stations-floor-plan.png', 'dashboard.png']) {
      const png = readFileSync(join(SHOTS, name));
      expect(png.subarray(1, 4).toString('latin1'), name).toBe('PNG');
      // A page, not an empty frame: width and height from the PNG header.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)].every((side) => side >= 300), name).toBe(true);
      expect(statSync(join(SHOTS, name)).mtimeMs, `${name} is from this run`).toBeGreaterThanOrEqual(runStarted);
    }
  });
});

/** A port nobody listens on yet, for `next start`. */
function freePort(): Promise<number> {
  const probe = createHttpServer();
  return new Promise((resolve) =>
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    }),
  );
}

/** `next start` on a built project; resolves once it answers, with a stop that ends it. */
async function nextStart(dir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited ${child.exitCode}:\n${output}`);
    const answered = await fetch(url).then((response) => response.ok, () => false);
    if (answered) return { url, stop };
    if (Date.now() - started > 60_000) {
      await stop();
      throw new Error(`next start did not answer within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The Next.js project of the install tests (the CRM idea), served by `next start`: its build
 * without settings shows the configuration screen; rebuilt with settings that point at a server
 * that never answers, a signed-in page shows an error with Retry within 10 s. @supabase/ssr keeps
 * the session in a cookie, so the test signs in by setting that cookie.
 */
describe.sequential('the generated Next.js app in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let profile = '';
  let dir = '';
  let hung: Server | undefined;
  const held = new Set<ServerResponse>();
  let server: { url: string; stop: () => Promise<void> } | undefined;

  beforeAll(async () => {
    const installed = dirs.get('crm');
    if (!installed || !existsSync(join(installed, '.next'))) throw new Error('the nextjs-react project was not built (see the install tests above)');
    dir = installed;
    profile = mkdtempSync(join(tmpdir(), 'aios-chromium-next-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      timezoneId: 'America/New_York',
      locale: 'en-US',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    for (const response of held) response.destroy();
    if (hung) await close(hung);
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('shows the configuration screen, naming both settings, when the build has none', async () => {
    server = await nextStart(dir);
    await page.goto(`${server.url}/dashboard`);
    await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 10_000 }).toMatch(/^Connect .+ to Supabase$/);
    // Next.js adds an alert of its own, its route announcer: the app's alert is the one that names the settings.
    const problems = await page.getByRole('alert').filter({ hasText: 'is not set.' }).textContent();
    expect(problems).toContain('NEXT_PUBLIC_SUPABASE_URL is not set.');
    expect(problems).toContain('NEXT_PUBLIC_SUPABASE_ANON_KEY is not set.');
    await page.screenshot({ path: join(SHOTS, 'nextjs-configuration-screen.png'), fullPage: true });
    await server.stop();
    server = undefined;
  }, 120_000);

  it('shows an error with a Retry button within 10 s on a signed-in page when the backend never answers', async () => {
    hung = createHttpServer((_request, response) => {
      held.add(response);
      response.on('close', () => held.delete(response));
    });
    await new Promise<void>((resolve) => hung!.listen(0, '127.0.0.1', () => resolve()));
    const backend = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`;
    // Next.js writes NEXT_PUBLIC_ settings into the bundle: a second build, with them.
    run(dir, 'npm', ['run', 'build'], cleanEnv({ NEXT_PUBLIC_SUPABASE_URL: backend, NEXT_PUBLIC_SUPABASE_ANON_KEY: 'anon-key-for-the-test' }));
    server = await nextStart(dir);
    const session = storedSession();
    await context.addCookies([{ name: session.key, value: `base64-${Buffer.from(session.value).toString('base64url')}`, url: server.url }]);
    const started = Date.now();
    await page.goto(`${server.url}/dashboard`);
    await page.getByRole('button', { name: 'Retry' }).waitFor({ timeout: 10_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await page.getByRole('alert').filter({ hasText: 'Could not load' }).first().textContent()).toMatch(/Could not load[^]*(took too long|could not be reached)/);
    await page.screenshot({ path: join(SHOTS, 'nextjs-dashboard-unreachable.png'), fullPage: true });
  }, 300_000);
});
