import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validModel } from '../../src/agents/analyst/valid-model.js';
import { runTool } from '../../src/agents/pipeline.js';
import {
  AGENT_TOOLS,
  AiosError,
  ProductModelSchema,
  fieldPath,
  invalidInput,
  type ProductModelContract,
} from '../../src/contract/index.js';
import { BAD_MODELS, GARDEN_MODEL, garden, tenThousandEntities } from '../fixtures/product-models.js';

const BUILDING_TOOLS = AGENT_TOOLS.filter((tool) => tool !== 'aios_analyze');

async function rejection(promise: Promise<unknown>): Promise<AiosError> {
  const error = await promise.then(
    () => undefined,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(AiosError);
  return error as AiosError;
}

describe('field paths', () => {
  it('writes keys with dots and array indices in brackets, quoting keys that are not plain names', () => {
    expect(fieldPath(['product_model', 'entities', 2, 'attributes', 0, 'type'])).toBe('product_model.entities[2].attributes[0].type');
    expect(fieldPath(['entities', 0], 'input.product_model')).toBe('input.product_model.entities[0]');
    expect(fieldPath([0, 'name'])).toBe('[0].name');
    expect(fieldPath(['colors', 'brand blue'], 'input')).toBe('input.colors["brand blue"]');
    expect(fieldPath([], 'input')).toBe('input');
    expect(fieldPath([])).toBe('(root)');
  });

  it('names the first bad field and lists at most 20 issues, counting the rest', () => {
    const result = ProductModelSchema.safeParse({ ...garden(), roles: Array.from({ length: 25 }, () => ({ name: 'Not Snake' })) });
    expect(result.success).toBe(false);
    const error = invalidInput(result.error!, 'product_model');
    expect(error.message).toMatch(/^product_model\.roles\[0\]\.name: must be a snake_case role name .* \(and \d+ more\)$/);
    const details = error.details as { issues: unknown[]; issue_count: number };
    expect(details.issues).toHaveLength(20);
    expect(details.issue_count).toBeGreaterThan(25);
  });
});

describe('the product model schema', () => {
  it('accepts the hand-written garden model as it is', () => {
    expect(ProductModelSchema.parse(GARDEN_MODEL)).toEqual(GARDEN_MODEL);
  });

  it('accepts SQL reserved words as entity and role names (tables are plural, roles are values), not as attribute names', () => {
    const model = { ...garden(), roles: [{ name: 'user' }], entities: [{ name: 'order', attributes: [{ name: 'total', type: 'money' }] }], relationships: [], access: [], features: [] };
    expect(ProductModelSchema.safeParse(model).success).toBe(true);
    model.entities[0]!.attributes[0]!.name = 'order';
    expect(ProductModelSchema.safeParse(model).error?.issues[0]?.path).toEqual(['entities', 0, 'attributes', 0, 'name']);
  });

  it('accepts an entity named as a role, the role’s record (gardeners kept with their details, who may sign in), and still refuses duplicates', () => {
    const model = garden();
    model.entities.push({ name: 'gardener', attributes: [{ name: 'allotment_since', type: 'date' }] });
    model.relationships.push({ from: 'gardener', to: 'harvest', kind: 'one-to-many' });
    model.access.push({ role: 'gardener', entity: 'gardener', actions: ['read', 'update'], scope: 'own' });
    expect(ProductModelSchema.safeParse(model).error?.issues ?? []).toEqual([]);
    model.entities.push({ name: 'gardener', attributes: [] });
    expect(ProductModelSchema.safeParse(model).error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['entities.7.name', '"gardener" is already entities[6]; entity names must be unique']]);
  });

  it('the example in the README is a valid model', async () => {
    const readme = await readFile(path.resolve('README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## The product model'));
    const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    expect(json).toBeDefined();
    expect(ProductModelSchema.safeParse(JSON.parse(json!)).error?.issues ?? []).toEqual([]);
  });

  it('rejects 10,000 entities on their count alone: no entity is parsed and no reference checked', () => {
    const result = ProductModelSchema.safeParse(tenThousandEntities());
    // Each entity is a duplicate with a bad attribute type: parsing them, or checking names, would report thousands.
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.code])).toEqual([['entities', 'too_big']]);
  });
});

describe('a bad product_model, through runTool, is INVALID_INPUT naming its path', () => {
  it.each(BAD_MODELS.map((bad) => [bad.label, bad] as const))('%s', async (_label, bad) => {
    for (const tool of BUILDING_TOOLS) {
      const error = await rejection(runTool(tool, { spec: 'A garden app', product_model: bad.model }));
      expect(error.code, tool).toBe('INVALID_INPUT');
      const [field, message] = [error.message.slice(0, error.message.indexOf(': ')), error.message.slice(error.message.indexOf(': ') + 2)];
      expect(field, tool).toBe(`input.product_model${bad.path}`);
      expect(message, tool).toMatch(bad.message);
    }
  });

  it('a model alone is enough: no spec, no description', async () => {
    const output = await runTool('aios_design_architecture', { product_model: GARDEN_MODEL });
    expect(output).toHaveProperty('migration_sql');
    const error = await rejection(runTool('aios_design_architecture', { product_name: 'Allotment' }));
    expect(error.message).toMatch(/^input\.spec: describe the product in `spec` .* or pass `product_model`/);
  });

  it('aios_analyze takes no model: it makes one', async () => {
    const error = await rejection(runTool('aios_analyze', { product_model: GARDEN_MODEL }));
    expect(error.message).toMatch(/^input\.spec: describe the product/);
  });
});

describe('the analyst mends its own reading until the contract accepts it', () => {
  const base = (): ProductModelContract => structuredClone(GARDEN_MODEL) as ProductModelContract;

  it('keeps a person read as a role and a record as both: the entity is the role’s record', () => {
    const model = base();
    model.entities.push({ name: 'gardener', attributes: [{ name: 'name', type: 'text' }] });
    model.relationships.push({ from: 'gardener', to: 'harvest', kind: 'one-to-many' });
    const mended = validModel(model);
    expect(mended.roles.map((role) => role.name)).toContain('gardener');
    expect(mended.entities.map((entity) => entity.name)).toContain('gardener');
    expect(mended.relationships).toContainEqual({ from: 'gardener', to: 'harvest', kind: 'one-to-many' });
  });

  it('renames reserved column names as the architect would, drops dangling references and mends an enum without values', () => {
    const model = base();
    model.entities[3]!.attributes.push({ name: 'order', type: 'integer' }, { name: 'mood', type: 'enum' });
    model.relationships.push({ from: 'plot', to: 'greenhouse', kind: 'one-to-many' });
    model.access.push({ role: 'janitor', entity: 'plot', actions: ['read'], scope: 'all' });
    model.features!.push({ text: 'water plots', roles: ['gardener', 'janitor'], entities: ['greenhouse', 'plot'] });
    const mended = validModel(model);
    expect(mended.entities[3]!.attributes.map((attribute) => attribute.name)).toEqual(['title', 'starts_at', 'seats', 'sort_order', 'mood']);
    expect(mended.entities[3]!.attributes.at(-1)).toEqual({ name: 'mood', type: 'text' });
    expect(mended.relationships).toEqual(GARDEN_MODEL.relationships);
    expect(mended.access).toEqual(GARDEN_MODEL.access);
    expect(mended.features!.at(-1)).toEqual({ text: 'water plots', roles: ['gardener'], entities: ['plot'] });
  });

  it('leaves a valid model as it is', () => {
    expect(validModel(base())).toEqual(GARDEN_MODEL);
  });
});
