import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/agents/dev.js';
import type { StackPreset } from '../../src/contract/index.js';
import { SPEC_CASES } from '../fixtures/specs.js';

/**
 * Generated projects as a person gets them: written to a folder outside the repository, installed
 * from the npm registry with npm (which refuses pins whose peer ranges conflict), built, linted
 * and tested with their own scripts; then the booking app, built once without its Supabase
 * settings and once pointed at a server that never answers, is opened in Debian's Chromium.
 * Screenshots land in test-output/generated-app/ (gitignored).
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

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'aios-generated-app-'));
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(() => {
  if (timings.length > 0) console.log(`generated projects (seconds):\n${timings.join('\n')}`);
  if (root) rmSync(root, { recursive: true, force: true });
});

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
  const output = await generateCode({ ...spec.input, framework: preset });
  const dir = join(root, `${id}-${preset}`);
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

/** A backend that accepts connections and never answers: what a hung or firewalled server looks like. */
function silentBackend(): Promise<{ server: TcpServer; sockets: Set<Socket>; url: string }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, sockets, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

function close(server: Server | TcpServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A stored Supabase session that is valid for an hour: the app starts signed in without asking the server. */
function storedSession(): { key: string; value: string } {
  const now = Math.floor(Date.now() / 1000);
  const base64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const user = { id: '11111111-1111-4111-8111-111111111111', aud: 'authenticated', role: 'authenticated', email: 'ada@example.com' };
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

describe.sequential('the generated booking app in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let profile = '';
  const servers: Array<Server | TcpServer> = [];
  let backend: Awaited<ReturnType<typeof silentBackend>> | undefined;

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'aios-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      // A zone far from UTC, so that a datetime field that shifted by the offset would show it.
      timezoneId: 'America/New_York',
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
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    for (const socket of backend?.sockets ?? []) socket.destroy();
    for (const server of servers) await close(server);
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  function booking(): string {
    const dir = dirs.get('booking');
    if (!dir) throw new Error('the booking project was not built (its install test failed or did not run)');
    return dir;
  }

  it('shows the configuration screen, naming both settings, when the build has none', async () => {
    const app = await serveApp(join(booking(), 'dist'));
    servers.push(app.server);
    await page.goto(`${app.url}/appointments`);
    await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 10_000 }).toContain('to Supabase');
    const problems = await page.getByRole('alert').textContent();
    expect(problems).toContain('VITE_SUPABASE_URL is not set.');
    expect(problems).toContain('VITE_SUPABASE_ANON_KEY is not set.');
    await page.screenshot({ path: join(SHOTS, 'configuration-screen.png'), fullPage: true });
  }, 60_000);

  describe.sequential('pointed at a backend that never answers', () => {
    let url = '';

    beforeAll(async () => {
      backend = await silentBackend();
      servers.push(backend.server);
      const dir = booking();
      // Vite writes the settings into the bundle when it builds.
      run(dir, process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', 'dist-backend', '--logLevel', 'error'], cleanEnv({
        VITE_SUPABASE_URL: backend.url,
        VITE_SUPABASE_ANON_KEY: 'anon-key-for-the-test',
      }));
      const app = await serveApp(join(dir, 'dist-backend'));
      servers.push(app.server);
      url = app.url;
    }, 120_000);

    it('greets visitors with what the product does, not the designer notes', async () => {
      await page.goto(url);
      const lead = await page.locator('section p').first().textContent();
      expect(lead).toBe('A booking platform for hair salons.');
      const features = await page.getByRole('region', { name: 'Features' }).textContent();
      expect(features).toContain('Customers book an appointment.');
      expect(features).not.toMatch(/created by|belongs to|Say what/);
      await page.screenshot({ path: join(SHOTS, 'home.png'), fullPage: true });
    }, 60_000);

    it('lets a person pick a self-service role on the sign-up page', async () => {
      await page.goto(`${url}/signup`);
      const roles = page.getByRole('group', { name: 'I am signing up as' });
      await expect.poll(() => roles.getByRole('radio').count()).toBeGreaterThan(1);
      expect(await roles.getByRole('radio', { name: 'Customer' }).isChecked()).toBe(true);
      await page.screenshot({ path: join(SHOTS, 'sign-up.png'), fullPage: true });
    }, 60_000);

    it('says the server is unreachable within 10 s when signing in', async () => {
      await page.goto(`${url}/login`);
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
      const session = storedSession();
      // Runs in the page, where localStorage is the app's (the repository's types have no DOM).
      await page.evaluate(({ key, value }) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(key, value), session);
      for (const path of ['/appointments', '/dashboard']) {
        const started = Date.now();
        await page.goto(`${url}${path}`);
        const retry = page.getByRole('button', { name: 'Retry' });
        await retry.waitFor({ timeout: 10_000 });
        expect(Date.now() - started, path).toBeLessThan(10_000);
        expect(await page.getByRole('alert').first().textContent()).toMatch(/Could not load[^]*(took too long|could not be reached)/);
        expect(await page.getByText('No appointments yet.').count()).toBe(0);
        expect(await page.getByText('Nothing here yet.').count()).toBe(0);
      }
      // Retry asks again: the figures load anew, and the error comes back when the new attempt fails too.
      const retry = page.getByRole('button', { name: 'Retry' });
      await retry.click();
      await retry.waitFor({ state: 'detached', timeout: 5_000 });
      expect(await page.getByText('Loading…').count()).toBeGreaterThan(0);
      await retry.waitFor({ timeout: 10_000 });
    }, 60_000);

    it('keeps the local time typed in a datetime field, and shows number fields stepped by their type', async () => {
      await page.goto(`${url}/appointments/new`);
      const startsAt = page.getByLabel('Starts at');
      await startsAt.fill('2026-03-29T09:30');
      await startsAt.blur();
      expect(await startsAt.inputValue()).toBe('2026-03-29T09:30');
      await page.screenshot({ path: join(SHOTS, 'appointment-form.png'), fullPage: true });
      await page.goto(`${url}/services/new`);
      expect(await page.getByLabel('Price').getAttribute('step')).toBe('0.01');
      expect(await page.getByLabel('Duration').getAttribute('step')).toBe('1');
    }, 60_000);
  });
});
