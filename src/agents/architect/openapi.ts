import { kebab, pascal } from '../naming.js';
import type { Column } from './columns.js';
import type { Design } from './design.js';

/** Section 5: an OpenAPI 3.0 document, as YAML, of every endpoint in api_design. */

const q = (text: string): string => JSON.stringify(text);

function schemaType(column: Column): string[] {
  if (column.enum_values && column.enum_values.length > 0) return ['type: string', `enum: [${column.enum_values.map(q).join(', ')}]`];
  if (column.type === 'integer') return ['type: integer'];
  if (column.type.startsWith('numeric')) return ['type: number'];
  if (column.type === 'boolean') return ['type: boolean'];
  if (column.type === 'jsonb') return ['type: object'];
  if (column.type === 'uuid') return ['type: string', 'format: uuid'];
  if (column.type === 'date') return ['type: string', 'format: date'];
  if (column.type === 'timestamptz') return ['type: string', 'format: date-time'];
  return ['type: string'];
}

function schemas(design: Design): string[] {
  const lines: string[] = [];
  for (const table of design.data.tables) {
    lines.push(`    ${pascal(table.singular)}:`, '      type: object');
    const required = table.columns.filter((column) => column.nullable === false || column.primary).map((column) => column.name);
    if (required.length > 0) lines.push(`      required: [${required.join(', ')}]`);
    lines.push('      properties:');
    for (const column of table.columns) {
      lines.push(`        ${column.name}:`);
      for (const part of schemaType(column)) lines.push(`          ${part}`);
      if (column.nullable === true) lines.push('          nullable: true');
      if (column.description) lines.push(`          description: ${q(column.description)}`);
    }
  }
  lines.push(
    '    ApiError:',
    '      type: object',
    '      required: [error]',
    '      properties:',
    '        error:',
    '          type: object',
    '          required: [code, message, timestamp, requestId]',
    '          properties:',
    '            code: { type: string, example: "42501" }',
    '            message: { type: string }',
    '            details: { type: object, nullable: true }',
    '            timestamp: { type: string, format: date-time }',
    '            requestId: { type: string }',
  );
  return lines;
}

function tableOf(path: string, design: Design) {
  const match = /^\/rest\/v1\/([a-z0-9_]+)$/.exec(path);
  return match ? design.data.tables.find((table) => table.name === match[1]) : undefined;
}

function operation(method: string, path: string, description: string, design: Design): string[] {
  const table = tableOf(path, design);
  const ref = table ? `'#/components/schemas/${pascal(table.singular)}'` : undefined;
  const lines = [`    ${method.toLowerCase()}:`, `      summary: ${q(description)}`, `      operationId: ${q(`${method.toLowerCase()}-${kebab(path) || 'root'}`)}`];
  if (table) lines.push(`      tags: [${table.name}]`);
  const noAuth = path.startsWith('/auth/') || path.endsWith('-webhook') || path.endsWith('/webhook');
  if (noAuth) lines.push('      security: []');
  if (table && method === 'GET') {
    lines.push(
      '      parameters:',
      '        - { name: select, in: query, schema: { type: string }, description: "Columns and embedded relations" }',
      '        - { name: order, in: query, schema: { type: string }, example: "created_at.desc" }',
      '        - { name: limit, in: query, schema: { type: integer } }',
      '        - { name: offset, in: query, schema: { type: integer } }',
    );
  }
  if (table && (method === 'PATCH' || method === 'DELETE')) {
    lines.push('      parameters:', '        - { name: id, in: query, required: true, schema: { type: string }, example: "eq.3fa85f64-5717-4562-b3fc-2c963f66afa6" }');
  }
  if (ref && (method === 'POST' || method === 'PATCH')) {
    lines.push('      requestBody:', '        required: true', '        content:', '          application/json:', `            schema: { $ref: ${ref} }`);
  }
  lines.push('      responses:');
  if (ref && method === 'GET') {
    lines.push("        '200':", '          description: Rows the caller may read', '          content:', '            application/json:', `              schema: { type: array, items: { $ref: ${ref} } }`);
  } else if (method === 'POST' && ref) {
    lines.push("        '201':", '          description: Created', '          content:', '            application/json:', `              schema: { type: array, items: { $ref: ${ref} } }`);
  } else if (method === 'DELETE' || method === 'PATCH') {
    lines.push("        '204':", '          description: Done');
  } else {
    lines.push("        '200':", '          description: OK');
  }
  lines.push(
    "        '400': { $ref: '#/components/responses/Error' }",
    "        '401': { $ref: '#/components/responses/Error' }",
    "        '403': { $ref: '#/components/responses/Error' }",
  );
  return lines;
}

export function openApiYaml(design: Design): string {
  const byPath = new Map<string, string[]>();
  for (const endpoint of design.architecture.api_design.endpoints) {
    // OpenAPI paths carry no query string; the query parts become parameters of the operation.
    const path = endpoint.path.split('?')[0] ?? endpoint.path;
    const operations = byPath.get(path) ?? [];
    const method = endpoint.method.toLowerCase();
    if (!operations.some((line) => line === `    ${method}:`)) operations.push(...operation(endpoint.method, path, endpoint.description, design));
    byPath.set(path, operations);
  }
  const next = design.preset === 'nextjs-react';
  const slug = kebab(design.model.name) || 'app';
  return [
    'openapi: 3.0.3',
    'info:',
    `  title: ${q(`${design.model.name} API`)}`,
    '  version: "0.1.0-draft"',
    `  description: ${q(`${design.architecture.api_design.style}. Every data request carries the Supabase anon key (apikey header) and the user's JWT (Authorization: Bearer); row level security decides what it returns.`)}`,
    'servers:',
    '  - url: https://{project_ref}.supabase.co',
    '    description: Supabase project (data, auth, storage, functions)',
    '    variables:',
    `      project_ref: { default: ${q(slug)} }`,
    ...(next ? ['  - url: https://{app_host}', '    description: Next.js route handlers', '    variables:', `      app_host: { default: ${q(`${slug}.vercel.app`)} }`] : []),
    'security:',
    '  - bearerAuth: []',
    'paths:',
    ...[...byPath.entries()].flatMap(([path, operations]) => [`  ${q(path)}:`, ...operations]),
    'components:',
    '  securitySchemes:',
    '    bearerAuth: { type: http, scheme: bearer, bearerFormat: JWT }',
    '  responses:',
    '    Error:',
    '      description: The one error shape',
    '      content:',
    '        application/json:',
    "          schema: { $ref: '#/components/schemas/ApiError' }",
    '  schemas:',
    ...schemas(design),
  ].join('\n');
}
