import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The production image installs `dependencies` only (see the Dockerfile): each must be one the
 * service's code imports, or it is weight (and attack surface) that serves nothing.
 */
const root = path.resolve(import.meta.dirname, '../..');

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && /\.(?:ts|mts|js|mjs)$/.test(entry.name)).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('package.json dependencies', () => {
  it('are all imported by src/ (statically, dynamically or resolved as files)', async () => {
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const code = (await Promise.all((await sources(path.join(root, 'src'))).map((file) => readFile(file, 'utf8')))).join('\n');
    const imported = (name: string) => new RegExp(`(?:from|import\\(|require\\(|resolve\\()\\s*['"]${name.replace(/[/.]/g, '\\$&')}(?:/[^'"]*)?['"]`).test(code);
    expect(Object.keys(pkg.dependencies).filter((name) => !imported(name))).toEqual([]);
  });
});
