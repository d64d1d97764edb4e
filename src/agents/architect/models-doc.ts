import { table as markdownTable } from '../markdown-table.js';
import { pascal } from '../naming.js';
import type { Column } from './columns.js';
import type { DataModel, Table } from './data-model.js';

/** Section 4 of the architecture: one model per table, then the Mermaid ER diagram. */

export function tsType(column: Column): string {
  let type: string;
  if (column.enum_values && column.enum_values.length > 0) type = column.enum_values.map((value) => `'${value}'`).join(' | ');
  else if (column.type === 'integer' || column.type.startsWith('numeric')) type = 'number';
  else if (column.type === 'boolean') type = 'boolean';
  else if (column.type === 'jsonb') type = 'Record<string, unknown>';
  else type = 'string';
  return column.nullable === true ? `${type} | null` : type;
}

function constraints(column: Column): string {
  const parts: string[] = [];
  if (column.primary) parts.push('PK');
  if (column.references) parts.push(`FK → ${column.references}${column.on_delete ? ` (on delete ${column.on_delete})` : ''}`);
  if (column.unique) parts.push('unique');
  if (column.nullable === false && !column.primary) parts.push('required');
  // SQL as the migration writes it, stored values and all: code, not prose.
  if (column.default) parts.push(`default \`${column.default}\``);
  if (column.check) parts.push(`check \`${column.check}\``);
  return parts.join('; ') || 'optional';
}

function relationsOf(table: Table, data: DataModel): string[] {
  const lines: string[] = [];
  for (const column of table.columns) {
    if (!column.references || column.name === 'id') continue;
    lines.push(`- Belongs to \`${column.references.replace(/\.id$/, '')}\` through \`${column.name}\``);
  }
  for (const other of data.tables) {
    for (const column of other.columns) {
      if (other !== table && column.references === `${table.name}.id`) lines.push(`- Has many \`${other.name}\` (\`${other.name}.${column.name}\`)`);
    }
  }
  return lines.length > 0 ? lines : ['- None besides its owner'];
}

export function dataModelsSection(data: DataModel): string {
  const models = data.tables.map((table) => {
    const name = pascal(table.singular);
    const rows = table.columns.map((column) => [column.name, column.type, constraints(column), column.description ?? '']);
    const fields = table.columns.map((column) => `  ${column.name}: ${tsType(column)};`);
    return [
      `### ${name}`,
      '',
      `**Purpose:** ${table.description}.${table.kind === 'join' ? ' A join table of a many-to-many relationship.' : ''}`,
      '',
      '**Key attributes:**',
      '',
      markdownTable(['Attribute', 'Type', 'Constraints', 'Description'], rows),
      '',
      '**TypeScript interface:**',
      '',
      '```typescript',
      `export interface ${name} {`,
      ...fields,
      '}',
      '```',
      '',
      '**Relationships:**',
      '',
      ...relationsOf(table, data),
    ].join('\n');
  });
  return [...models, ['### Entity relationship diagram', '', '```mermaid', erDiagram(data), '```'].join('\n')].join('\n\n');
}

export function erDiagram(data: DataModel): string {
  const lines = ['erDiagram'];
  for (const table of data.tables) {
    for (const column of table.columns) {
      const target = column.references?.replace(/\.id$/, '');
      if (!target || target.startsWith('auth.') || column.name === 'id') continue;
      const cardinality = column.unique ? '||--o|' : column.nullable === false ? '||--o{' : '|o--o{';
      lines.push(`  ${target.toUpperCase()} ${cardinality} ${table.name.toUpperCase()} : "${column.name}"`);
    }
  }
  for (const table of data.tables) {
    lines.push(`  ${table.name.toUpperCase()} {`);
    for (const column of table.columns) {
      const key = column.primary ? ' PK' : column.references ? ' FK' : column.unique ? ' UK' : '';
      lines.push(`    ${column.type.replace(/\(.*\)$/, '')} ${column.name}${key}`);
    }
    lines.push('  }');
  }
  return lines.join('\n');
}
