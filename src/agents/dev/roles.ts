import { buildDataModel } from '../architect/data-model.js';
import type { ProductModel } from '../model.js';
import type { DataModel } from './tables.js';

/**
 * The roles a person may pick when signing up: the architect's self-service roles (never an
 * administrator or a manager) that the profile's role column allows, the default role first.
 * The sign-up form sends the choice as `options.data.role`; the migration's handle_new_user()
 * accepts only these and gives the default role for anything else.
 */
export interface SignUpRoles {
  choices: string[];
  defaultRole: string;
}

export function signUpRoles(model: DataModel, product: ProductModel): SignUpRoles | undefined {
  const profile = model.tables.find((table) => table.primaryKey?.authUser === true);
  const role = profile?.columns.find((column) => column.name === 'role' && column.input === 'enum');
  const allowed = role?.enumValues ?? [];
  if (!role || allowed.length === 0) return undefined;
  const stated = role.field.default?.replace(/::.*$/, '').replace(/^'(.*)'$/, '$1');
  const defaultRole = allowed.find((value) => value === stated) ?? allowed[0]!;
  // The same rule the migration is written from, so the form offers what the database accepts.
  const selfService = new Set([defaultRole, ...buildDataModel(product).selfServiceRoles]);
  const choices = [defaultRole, ...allowed.filter((value) => value !== defaultRole && selfService.has(value))];
  return { choices, defaultRole };
}
