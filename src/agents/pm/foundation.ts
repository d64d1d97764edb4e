import { listing, lower, pluralLabel, withArticle } from '../english.js';
import { capitalize } from '../naming.js';
import type { RoleSpec } from '../model.js';
import type { DraftEpic, DraftRequirement, DraftStory } from './draft.js';
import { creatorsOf, type Scope } from './scope.js';
import { stackOf } from './stack.js';

/**
 * Epic 1: accounts, roles and the app shell. Cross-cutting concerns (auth, access rules, error
 * handling) come first, and the epic still ships a landing page and a dashboard people can see.
 */
export function foundationEpic(scope: Scope): DraftEpic {
  const { model, roles } = scope;
  const stack = stackOf(scope);
  const roleNames = listing(roles.map((role) => pluralLabel(role.label)));
  const stories = [signInStory(scope)];
  if (roles.length > 1) stories.push(rolesStory(scope));
  stories.push(shellStory(scope));
  return {
    title: roles.length > 1 ? 'Foundation: accounts, roles and app shell' : 'Foundation: accounts and app shell',
    goal:
      `Set up ${model.name} on ${stack.summary} with sign-up and sign-in${roles.length > 1 ? `, the ${listing(roles.map((r) => lower(r.label)))} roles` : ''} and the app shell. ` +
      `It ships a deployable app: a landing page that explains ${model.name} and a dashboard where ${roleNames} land after signing in. ` +
      'Row level security, error handling and logging are in place from the first story, so later epics only add features.',
    stories,
  };
}

function signInStory(scope: Scope): DraftStory {
  const { primary, auth, model } = scope;
  const providers = auth.map((integration) => integration.provider);
  const authRequirement: DraftRequirement = {
    key: 'foundation:auth',
    description: `Visitors can sign up with an email and a password, confirm their email, sign in, sign out and reset a forgotten password.`,
    priority: 'must',
  };
  const oauth: DraftRequirement[] = auth.map((integration) => ({
    key: `integration:${integration.kind}:${integration.provider}`,
    description: `Sign in with ${integration.provider} (OAuth) as well as with email and password; the account is created on first sign-in.`,
    priority: integration.stated ? 'must' : 'should',
  }));
  const owned = scope.entities.filter((entity) => entity.owned && creatorsOf(scope, entity).includes(primary));
  return {
    title: 'Sign up, sign in and sign out',
    as_a: lower(primary.label),
    i_want: `to create an account and sign in with my email and password${providers.length > 0 ? ` or with ${listing(providers, 'or')}` : ''}`,
    so_that:
      owned.length > 0
        ? `my ${listing(owned.map((entity) => lower(entity.pluralLabel)))} are tied to my account and there on any device`
        : `${model.name} knows who I am and shows me what is mine`,
    acceptance_criteria: [
      'A visitor can sign up with an email and a password of at least 8 characters and receives a confirmation email.',
      'A confirmed person can sign in and stays signed in across page reloads until they sign out.',
      'A wrong email or password shows one message that does not reveal whether the account exists.',
      'A person who forgot their password can set a new one from an emailed link.',
      'Opening any page other than the landing page while signed out leads to sign-in, then back to that page.',
      ...providers.map((provider) => `A "Continue with ${provider}" button signs the person in with ${provider} and creates the account on first use.`),
    ],
    covers: [authRequirement, ...oauth],
  };
}

function rolesStory(scope: Scope): DraftStory {
  const { roles, admin, primary } = scope;
  const selfService = roles.filter((role) => !role.admin);
  const labels = listing(roles.map((role) => lower(role.label)), 'or');
  const requirement: DraftRequirement = {
    key: 'foundation:roles',
    description:
      `Each account has one role (${labels}) that decides what it can see and do` +
      (admin ? `; ${withArticle(lower(admin.label))} can change a person's role.` : '.'),
    priority: 'must',
  };
  const chooser =
    selfService.length > 1
      ? `At sign-up a person says whether they are ${listing(selfService.map((role) => withArticle(lower(role.label))), 'or')}; the choice sets their role.`
      : `New accounts get the ${lower(primary.label)} role.`;
  return {
    title: 'Roles and access rules',
    as_a: lower((admin ?? primary).label),
    i_want: `each account to have a role (${labels})`,
    so_that: 'everyone sees and changes only what their role allows',
    acceptance_criteria: [
      chooser,
      ...(admin ? [`${capitalize(withArticle(lower(admin.label)))} sees a people page listing every account with its role and can change a role there.`] : []),
      ...roles.map((role) => `${capitalize(withArticle(lower(role.label)))} sees navigation for ${sectionsOf(scope, role)} only.`),
      'Every permission is enforced by row level security in the database: a request made outside the app for a forbidden action is refused.',
    ],
    covers: [requirement],
  };
}

function shellStory(scope: Scope): DraftStory {
  const { model, primary, roles } = scope;
  const requirement: DraftRequirement = {
    key: 'foundation:shell',
    description:
      `A landing page explains ${model.name}; signed-in ${listing(roles.map((role) => pluralLabel(role.label)))} land on a dashboard with navigation to ${sectionsOf(scope, primary)}` +
      (roles.length > 1 ? ', showing only the sections their role may use.' : '.'),
    priority: 'must',
  };
  const first = scope.entities[0];
  return {
    title: 'App shell, landing page and dashboard',
    as_a: lower(primary.label),
    i_want: `a dashboard that links to ${sectionsOf(scope, primary)}`,
    so_that: `I can reach everything ${model.name} does for me from one place`,
    acceptance_criteria: [
      `The landing page at / says what ${model.name} keeps for ${listing(roles.map((role) => pluralLabel(role.label)))} (${sectionsOf(scope, primary)}) and offers sign-up and sign-in.`,
      `After signing in, a person lands on a dashboard with navigation to ${sectionsOf(scope, primary)}.`,
      'Navigation is a sidebar on screens 1024 px and wider and a compact menu on phones; every page works from 360 px wide.',
      first
        ? `Sections with no data yet show an empty state that says how to add the first ${lower(first.label)}.`
        : 'Sections with no data yet show an empty state that says what to do first.',
      'An unexpected error shows a friendly message with a way back, and the error is logged with the page and the action that failed.',
    ],
    covers: [requirement],
  };
}

/** The sections a role's navigation shows: the entities it creates or acts on, else the core ones. */
export function sectionsOf(scope: Scope, role: RoleSpec): string {
  const acted = new Set(role.capabilities.flatMap((cap) => (cap.entity ? [cap.entity] : [])));
  const own = scope.entities.filter((entity) => acted.has(entity.name) || creatorsOf(scope, entity).includes(role));
  const shown = (own.length > 0 ? own : scope.entities.filter((entity) => scope.core.has(entity.name))).slice(0, 5);
  if (shown.length === 0) return 'account settings';
  return listing(shown.map((entity) => lower(entity.pluralLabel)));
}
