/**
 * Writing TypeScript and JSX source safely: imports that list only what a file uses (generated
 * projects compile with noUnusedLocals), and text from the design escaped wherever it lands.
 */
export class Imports {
  private readonly named = new Map<string, Map<string, boolean>>();
  private readonly defaults = new Map<string, string>();
  private readonly sideEffects = new Set<string>();

  /** Adds named imports; `type: true` makes them type-only. */
  add(module: string, names: string | string[], options: { type?: boolean } = {}): this {
    const entries = this.named.get(module) ?? new Map<string, boolean>();
    for (const name of Array.isArray(names) ? names : [names]) {
      // A name imported as a value also serves as a type, so a value import wins.
      entries.set(name, (entries.get(name) ?? true) && options.type === true);
    }
    this.named.set(module, entries);
    return this;
  }

  addDefault(module: string, name: string): this {
    this.defaults.set(module, name);
    return this;
  }

  addSideEffect(module: string): this {
    this.sideEffects.add(module);
    return this;
  }

  render(): string {
    const modules = [...new Set([...this.named.keys(), ...this.defaults.keys(), ...this.sideEffects])].sort(byModule);
    const lines: string[] = [];
    for (const module of modules) {
      const names = [...(this.named.get(module) ?? new Map<string, boolean>()).entries()].sort(([a], [b]) => a.localeCompare(b));
      const fallback = this.defaults.get(module);
      const allTypes = names.length > 0 && names.every(([, type]) => type) && !fallback;
      const list = names.map(([name, type]) => (type && !allTypes ? `type ${name}` : name)).join(', ');
      const clauses = [fallback, names.length > 0 ? `{ ${list} }` : undefined].filter(Boolean).join(', ');
      if (clauses) lines.push(`import ${allTypes ? 'type ' : ''}${clauses} from '${module}';`);
      else if (this.sideEffects.has(module)) lines.push(`import '${module}';`);
    }
    return lines.join('\n');
  }
}

/** Packages first, then the app's own modules (`@/`), then relative ones. */
function byModule(a: string, b: string): number {
  const rank = (module: string) => (module.startsWith('.') ? 2 : module.startsWith('@/') ? 1 : 0);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** A string literal in TypeScript source. */
export const str = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;

/** Text as a JSX child: plain when it can be, an expression when it holds JSX syntax. */
export function jsxText(text: string): string {
  return /[{}<>&]/.test(text) ? `{${str(text)}}` : text;
}

/** A JSX attribute value: `"text"` when safe, `{'text'}` otherwise. */
export function jsxAttr(text: string): string {
  return /["{}<>&\\\n]/.test(text) ? `{${str(text)}}` : `"${text}"`;
}

/** Joins the parts of a file with one blank line between them and a final newline. */
export function file(...parts: Array<string | false | undefined>): string {
  return `${parts.filter((part): part is string => typeof part === 'string' && part.length > 0).join('\n\n')}\n`;
}

/** Indents every line but the first by `spaces`. */
export function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text.replace(/\n(?=.)/g, `\n${pad}`);
}
