import pluralize from 'pluralize';
import { designArchitecture } from '../../src/agents/architect.js';

/**
 * The corpus measure of ../shared/corpus/score.mjs, in process: the tables of the architecture a
 * product idea gets, against the tables a competent architect would make (each wanted table a
 * group of acceptable names). Also roles and relationships, which the corpus lists too.
 */
export interface Idea {
  id: string;
  spec: string;
  entities: string[][];
  extra?: string[];
  roles: string[];
  relationships: Array<[string, string, string]>;
}

export interface IdeaScore {
  id: string;
  recall: number;
  precision: number;
  roles: number;
  relationships: number;
  missed: string[];
  unexpected: string[];
}

const SUPPORT = new Set(['profile', 'user', 'role', 'userrole', 'membership', 'setting', 'attachment', 'file', 'tag', 'category', 'notification', 'auditlog']);
const norm = (s: string): string =>
  String(s).toLowerCase().replace(/[^a-z_ ]/g, '').replace(/ +/g, '_').split('_').map((w) => pluralize.singular(w)).join('');
const matches = (table: string, names: string[]): boolean => names.some((n) => table === norm(n) || table.endsWith(norm(n)));

export async function scoreIdea(idea: Idea): Promise<IdeaScore> {
  const { architecture } = await designArchitecture({ spec: idea.spec });
  const tables = [...new Set(architecture.data_model.entities.map((e) => norm(e.name)))];
  const missed = idea.entities.filter((group) => !tables.some((t) => matches(t, group)));
  const unexpected = tables.filter((t) => !SUPPORT.has(t) && !idea.entities.some((g) => matches(t, g)) && !(idea.extra ?? []).some((x) => matches(t, [x])));
  const roles = architecture.security.roles;
  const foundRoles = idea.roles.filter((role) => roles.some((r) => r === role || r.endsWith(`_${role}`) || role.endsWith(`_${r}`)));
  // A relationship is found when a foreign key or join links tables of the two groups (a role is the profiles table).
  const groupOf = (name: string): string[] => idea.entities.find((g) => g[0] === name) ?? (idea.roles.includes(name) ? ['profile'] : [name]);
  const links = architecture.data_model.relationships.map((r) => [norm(r.from), norm(r.to)] as const);
  const foundLinks = idea.relationships.filter(([a, b]) => links.some(([x, y]) => (matches(x, groupOf(a)) && matches(y, groupOf(b))) || (matches(x, groupOf(b)) && matches(y, groupOf(a)))));
  return {
    id: idea.id,
    recall: (idea.entities.length - missed.length) / idea.entities.length,
    precision: tables.length ? (tables.length - unexpected.length) / tables.length : 0,
    roles: idea.roles.length ? foundRoles.length / idea.roles.length : 1,
    relationships: idea.relationships.length ? foundLinks.length / idea.relationships.length : 1,
    missed: missed.map((g) => g[0]!),
    unexpected,
  };
}

export function mean(scores: IdeaScore[], key: 'recall' | 'precision' | 'roles' | 'relationships'): number {
  return scores.reduce((sum, s) => sum + s[key], 0) / scores.length;
}
