import type { Architecture, StackPreset } from '../../contract/index.js';
import { kebab } from '../naming.js';
import { lower, pluralLabel } from '../english.js';
import type { IntegrationSpec } from '../model.js';
import type { DataModel } from './data-model.js';
import type { Rpc } from './rpc.js';

/**
 * The API the front end calls. With Supabase most of it is generated: PostgREST exposes every
 * table (row level security decides what each person gets) and every RPC; Edge Functions (or,
 * on Next.js, route handlers) hold what needs a secret key: payments, email, webhooks.
 */

export type Endpoint = Architecture['api_design']['endpoints'][number];

export interface ServerFunction {
  /** kebab-case name: `create-checkout-session`. */
  name: string;
  method: Endpoint['method'];
  description: string;
  integration: IntegrationSpec['kind'];
}

function tableEndpoints(model: DataModel): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const table of model.tables) {
    const rows = lower(pluralLabel(table.label));
    const path = `/rest/v1/${table.name}`;
    if (table.kind === 'profiles') {
      endpoints.push(
        { method: 'GET', path, description: 'List or fetch profiles (display name, role) of signed-in people' },
        { method: 'PATCH', path, description: 'Update your own display name or avatar (`?id=eq.<uid>`)' },
      );
      continue;
    }
    endpoints.push(
      { method: 'GET', path, description: `List ${rows} the caller may read; filter, sort and paginate with PostgREST query parameters` },
      { method: 'POST', path, description: `Create ${table.kind === 'join' ? 'a link in' : 'a row of'} ${rows}` },
    );
    if (table.kind === 'entity') endpoints.push({ method: 'PATCH', path, description: `Update ${rows} matching \`?id=eq.<id>\`` });
    if (table.membersOf) endpoints.push({ method: 'PATCH', path, description: `Change a member's role (\`member_role\`) matching \`?id=eq.<id>\`; owners and admins of the ${table.membersOf.replace(/_/g, ' ')} only` });
    endpoints.push({ method: 'DELETE', path, description: `Delete ${rows} matching \`?id=eq.<id>\`` });
  }
  return endpoints;
}

/** Server-side work each integration needs; OAuth, realtime and uploads are Supabase built-ins. */
export function serverFunctions(integrations: IntegrationSpec[]): ServerFunction[] {
  const functions: ServerFunction[] = [];
  const add = (fn: ServerFunction) => {
    if (!functions.some((existing) => existing.name === fn.name)) functions.push(fn);
  };
  for (const integration of integrations) {
    const provider = kebab(integration.provider) || integration.kind;
    switch (integration.kind) {
      case 'payments':
        add({ name: 'create-checkout-session', method: 'POST', description: `Starts a ${integration.provider} checkout for the signed-in person and returns its URL`, integration: integration.kind });
        add({ name: `${provider}-webhook`, method: 'POST', description: `Receives ${integration.provider} events (signature verified) and records payments`, integration: integration.kind });
        break;
      case 'subscriptions':
        add({ name: 'create-checkout-session', method: 'POST', description: `Starts a ${integration.provider} subscription checkout and returns its URL`, integration: integration.kind });
        add({ name: 'create-billing-portal-session', method: 'POST', description: `Opens the ${integration.provider} customer portal to change or cancel a plan`, integration: integration.kind });
        add({ name: `${provider}-webhook`, method: 'POST', description: `Receives ${integration.provider} subscription events (signature verified) and updates access`, integration: integration.kind });
        break;
      case 'email':
        add({ name: 'send-email', method: 'POST', description: `Sends a transactional email through ${integration.provider} (${integration.reason})`, integration: integration.kind });
        break;
      case 'sms':
        add({ name: 'send-sms', method: 'POST', description: `Sends a text message through ${integration.provider} (${integration.reason})`, integration: integration.kind });
        break;
      case 'notifications':
        add({ name: 'send-notification', method: 'POST', description: `Sends a push notification through ${integration.provider} (${integration.reason})`, integration: integration.kind });
        break;
      case 'maps':
        add({ name: 'geocode', method: 'GET', description: `Turns an address into coordinates with ${integration.provider}, keeping the key server-side`, integration: integration.kind });
        break;
      case 'calendar':
        add({ name: 'calendar-feed', method: 'GET', description: `An iCalendar feed for ${integration.provider} and other calendar apps`, integration: integration.kind });
        break;
      case 'ai':
        add({ name: 'ai-assist', method: 'POST', description: `Calls ${integration.provider} with the server-side key (${integration.reason})`, integration: integration.kind });
        break;
      case 'search':
      case 'analytics':
      case 'oauth':
      case 'realtime':
      case 'file_uploads':
        break;
    }
  }
  return functions;
}

function builtInEndpoints(integrations: IntegrationSpec[], model: DataModel, search: Array<{ table: string; column: string }>): Endpoint[] {
  const endpoints: Endpoint[] = [
    { method: 'POST', path: '/auth/v1/signup', description: `Sign up with email and password; \`data.role\` may be ${model.selfServiceRoles.join(' or ') || model.defaultRole}` },
    { method: 'POST', path: '/auth/v1/token?grant_type=password', description: 'Sign in with email and password; returns a JWT session' },
    { method: 'POST', path: '/auth/v1/otp', description: 'Send a magic sign-in link by email' },
  ];
  for (const integration of integrations) {
    if (integration.kind === 'oauth') endpoints.push({ method: 'GET', path: `/auth/v1/authorize?provider=${kebab(integration.provider)}`, description: `Sign in with ${integration.provider}` });
  }
  if (integrations.some((integration) => integration.kind === 'file_uploads') || model.tables.some((table) => table.columns.some((column) => column.description?.includes('Supabase Storage') && table.kind !== 'profiles'))) {
    endpoints.push({ method: 'POST', path: '/storage/v1/object/{bucket}/{path}', description: 'Upload a file to the private bucket, under the uploader’s user id' });
  }
  for (const { table, column } of search) {
    endpoints.push({ method: 'GET', path: `/rest/v1/${table}?${column}=wfts(english).{query}`, description: `Full-text search of ${table.replace(/_/g, ' ')} by ${column}` });
  }
  return endpoints;
}

export function apiDesign(
  preset: StackPreset,
  model: DataModel,
  rpcs: Rpc[],
  functions: ServerFunction[],
  integrations: IntegrationSpec[],
  search: Array<{ table: string; column: string }>,
): Architecture['api_design'] {
  const endpoints = [
    ...builtInEndpoints(integrations, model, search),
    ...tableEndpoints(model),
    ...rpcs.map((rpc): Endpoint => ({ method: 'POST', path: `/rest/v1/rpc/${rpc.name}`, description: rpc.description })),
    ...(preset === 'nextjs-react'
      ? [{ method: 'GET', path: '/auth/callback', description: 'Route handler: exchanges the OAuth or magic-link code for a session cookie' } satisfies Endpoint]
      : []),
    ...functions.map((fn): Endpoint => ({
      method: fn.method,
      path: routeOf(preset, fn),
      description: fn.description,
    })),
  ];
  const style =
    preset === 'nextjs-react'
      ? 'REST: Supabase PostgREST for data (from server components and the browser) + RPC for aggregates, Next.js route handlers under /api for secrets and webhooks'
      : 'REST: Supabase PostgREST for data + RPC for aggregates and privileged operations, Supabase Edge Functions for secrets and webhooks';
  return { style, endpoints };
}

export function routeOf(preset: StackPreset, fn: ServerFunction): string {
  return preset === 'nextjs-react' ? `/api/${fn.name.replace(/-webhook$/, '')}${fn.name.endsWith('-webhook') ? '/webhook' : ''}` : `/functions/v1/${fn.name}`;
}
