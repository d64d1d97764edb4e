import type { z } from 'zod';
import { AiosError, MAX_NAME_CHARS, ProductModelSchema, isSqlReserved, type ProductModelContract } from '../../contract/index.js';
import { columnName } from '../architect/columns.js';
import { snake } from '../naming.js';

/**
 * The analyst hands out only product models that the contract accepts back as input, so that a
 * reading passed on unchanged builds the same documents. The offline reader can still slip (a
 * reserved word as a column, a reference to something it left out): this pass mends what it
 * can, over a few rounds of validation, and drops the rest.
 */

const ROUNDS = 6;

type Json = Record<string, unknown>;

/** What a round removes: list elements, and names from the features' role and entity lists. */
interface Removals {
  elements: Set<unknown>;
  roleRefs: Set<string>;
  entityRefs: Set<string>;
}

export function validModel(draft: ProductModelContract): ProductModelContract {
  const model = structuredClone(draft) as unknown as Json;
  for (let round = 0; round < ROUNDS; round++) {
    const result = ProductModelSchema.safeParse(model);
    if (result.success) return result.data;
    const removals: Removals = { elements: new Set(), roleRefs: new Set(), entityRefs: new Set() };
    for (const issue of result.error.issues) mend(model, issue, removals);
    prune(model, removals);
  }
  const result = ProductModelSchema.safeParse(model);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new AiosError('AGENT_FAILURE', `the analyst's reading is not a valid product model (${issue?.path.join('.')}: ${issue?.message})`);
}

function at(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

/** Fixes one issue in place, or marks what it sits in for removal. */
function mend(model: Json, issue: z.core.$ZodIssue, removals: Removals): void {
  const path = issue.path;
  const key = path[path.length - 1];
  const value = at(model, path);
  const holder = at(model, path.slice(0, -1));

  if (issue.code === 'too_big' && typeof issue.maximum === 'number') {
    // Too many items: the first ones stay. Too long a text: it is clipped.
    if (Array.isArray(value)) return void (value.length = issue.maximum);
    if (typeof value === 'string' && holder && typeof holder === 'object' && !Array.isArray(holder) && key !== 'name') {
      return void ((holder as Json)[key as string] = value.slice(0, issue.maximum).trim());
    }
  }
  if (path.length === 1) return mendTop(model, key as string, issue);

  const [section, index, field, subIndex, subField] = path;
  if (typeof section !== 'string' || typeof index !== 'number') return;
  const element = at(model, [section, index]) as Json;

  switch (section) {
    case 'roles':
      if (field === 'self_signup') element.self_signup = false;
      else removals.elements.add(element);
      return;
    case 'entities':
      if (field === 'owned_by') element.owned_by = 'creator';
      else if (field === 'attributes' && typeof subIndex === 'number') mendAttribute(at(model, path.slice(0, 4)) as Json, subField, removals);
      else if (field === 'name') mendEntityName(model, element, removals);
      else removals.elements.add(element);
      return;
    case 'relationships':
      if (field === 'through' || field === 'as') delete element[field];
      else removals.elements.add(element);
      return;
    case 'features':
      if (field === 'roles' && typeof value === 'string') removals.roleRefs.add(value);
      else if (field === 'entities' && typeof value === 'string') removals.entityRefs.add(value);
      else removals.elements.add(element);
      return;
    default:
      // An access rule, an integration, a need...: it goes whole.
      removals.elements.add(element);
  }
}

function mendTop(model: Json, key: string, issue: z.core.$ZodIssue): void {
  if (key === 'name') model.name = 'Untitled product';
  else if (key === 'summary') model.summary = typeof model.name === 'string' && model.name.trim() ? model.name : 'A product';
  else if (key === 'entities' && issue.code === 'too_small') {
    model.entities = [
      {
        name: 'item',
        description: 'Items kept by each user',
        owned_by: 'creator',
        attributes: [{ name: 'name', type: 'text', required: true }, { name: 'description', type: 'long_text' }],
      },
    ];
  } else if (!['roles', 'entities', 'relationships', 'access'].includes(key)) delete model[key];
  else model[key] = [];
}

function mendAttribute(attribute: Json, field: PropertyKey | undefined, removals: Removals): void {
  if (field === 'values') {
    // An enum without values is free text; values on anything else mean nothing.
    if (attribute.type === 'enum') attribute.type = 'text';
    delete attribute.values;
    delete attribute.value_labels;
  } else if (field === 'value_labels') delete attribute.value_labels;
  else if (field === 'type') attribute.type = 'text';
  else if (field === 'name' && typeof attribute.name === 'string' && isSqlReserved(attribute.name)) attribute.name = columnName(attribute.name);
  else removals.elements.add(attribute);
}

function mendEntityName(model: Json, entity: Json, removals: Removals): void {
  const name = String(entity.name ?? '');
  const mended = snake(name).slice(0, MAX_NAME_CHARS);
  if (mended !== '' && mended !== name && /^[a-z]/.test(mended)) {
    entity.name = mended;
    return;
  }
  // A duplicate, a built-in name, or a name that cannot be mended: the entity goes.
  removals.elements.add(entity);
}

function prune(value: unknown, removals: Removals): void {
  if (Array.isArray(value)) {
    for (let i = value.length - 1; i >= 0; i--) {
      if (removals.elements.has(value[i])) value.splice(i, 1);
      else prune(value[i], removals);
    }
    return;
  }
  if (!value || typeof value !== 'object') return;
  const object = value as Json;
  for (const [key, child] of Object.entries(object)) {
    if (!Array.isArray(child)) prune(child, removals);
    else if (key === 'roles' && child.every((item) => typeof item === 'string')) object[key] = child.filter((item) => !removals.roleRefs.has(item as string));
    else if (key === 'entities' && child.every((item) => typeof item === 'string')) object[key] = child.filter((item) => !removals.entityRefs.has(item as string));
    else prune(child, removals);
  }
}
