import type { Architecture } from '../../contract/index.js';
import { unique } from '../english.js';
import type { ProductModel, RoleSpec } from '../model.js';
import type { ScreenEntity } from './entities.js';

/** Who sees public pages: anyone, signed in or not. */
export const VISITOR = 'visitor';

export interface RoleSet {
  all: RoleSpec[];
  primary: RoleSpec;
  admins: RoleSpec[];
}

/** The spec's roles; a product that names none still has its signed-in user. */
export function roleSet(model: ProductModel, architecture?: Architecture): RoleSet {
  const all: RoleSpec[] = model.roles.length > 0 ? model.roles : [defaultRole()];
  const stated = new Set(all.map((r) => r.name));
  // An architecture may define an admin role the spec reader did not see.
  const extraAdmin = architecture?.security.roles.includes('admin') && !stated.has('admin') ? [adminRole()] : [];
  const roles = [...all, ...extraAdmin];
  return {
    all: roles,
    primary: roles.find((r) => r.primary) ?? roles.find((r) => !r.admin) ?? roles[0] ?? defaultRole(),
    admins: roles.filter((r) => r.admin),
  };
}

/** Roles that act on an entity: those whose capabilities name it or that create it; otherwise every non-admin role. */
export function rolesFor(entity: ScreenEntity, roles: RoleSet): string[] {
  const acting = roles.all.filter(
    (r) => entity.createdBy.includes(r.name) || r.capabilities.some((c) => c.entity === entity.name),
  );
  const chosen = acting.length > 0 ? acting : roles.all.filter((r) => !r.admin);
  return unique([...chosen.map((r) => r.name), ...roles.admins.map((r) => r.name)]);
}

/** Roles that create rows of an entity (the form pages' audience). */
export function creatorsOf(entity: ScreenEntity, roles: RoleSet): RoleSpec[] {
  const creators = roles.all.filter(
    (r) => entity.createdBy.includes(r.name) || r.capabilities.some((c) => c.entity === entity.name && (c.verb === 'create' || c.verb === 'manage')),
  );
  if (creators.length > 0) return creators;
  const users = roles.all.filter((r) => !r.admin);
  return users.length > 0 ? users : roles.all;
}

function defaultRole(): RoleSpec {
  return { name: 'user', label: 'User', description: 'A signed-in person using the product', primary: true, admin: false, privileged: false, selfSignup: true, capabilities: [] };
}

function adminRole(): RoleSpec {
  return { name: 'admin', label: 'Admin', description: 'Administers the whole product', primary: false, admin: true, privileged: true, selfSignup: false, capabilities: [] };
}
