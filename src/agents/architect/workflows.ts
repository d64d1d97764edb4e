import { lower, withArticle } from '../english.js';
import { pascal } from '../naming.js';
import { coreTable } from './data-model.js';
import type { Design } from './design.js';
import { routeOf } from './endpoints.js';

/** Section 7: Mermaid sequence diagrams of the key journeys, the refused path included. */

function signUp(design: Design): string {
  const roles = design.data.selfServiceRoles.join(' or ') || design.data.defaultRole;
  return `### Sign up and first sign-in

\`\`\`mermaid
sequenceDiagram
  actor P as Person
  participant W as Web app
  participant A as Supabase Auth
  participant D as PostgreSQL
  P->>W: Email, password, role (${roles})
  W->>A: POST /auth/v1/signup
  A->>D: insert auth.users
  D->>D: on_auth_user_created → insert profiles (role checked)
  A-->>W: Session (JWT)
  W->>D: GET /rest/v1/profiles?id=eq.<uid>
  D-->>W: Profile with role
  W-->>P: Role-based home page
\`\`\``;
}

function createCore(design: Design): string | undefined {
  const table = coreTable(design.data);
  if (!table) return undefined;
  const name = pascal(table.singular);
  const hook = `useCreate${name}`;
  return `### Create ${withArticle(lower(table.label))} (with the refused path)

\`\`\`mermaid
sequenceDiagram
  actor P as Person
  participant W as Web app (${hook})
  participant R as PostgREST
  participant D as PostgreSQL (RLS)
  P->>W: Fill in the ${lower(table.label)} form
  W->>W: Validate with the zod schema
  alt invalid input
    W-->>P: Field errors, nothing sent
  else valid
    W->>R: POST /rest/v1/${table.name} (JWT)
    R->>D: insert as role authenticated
    alt policy ${table.name}_insert passes
      D-->>R: New row
      R-->>W: 201 Created
      W->>W: Invalidate ['${table.name}'] query
      W-->>P: Success toast, list updated
    else policy refuses (not allowed) or constraint fails
      D-->>R: 42501 / 23505 error
      R-->>W: 403 / 409 with code and message
      W-->>P: Error toast with the message, form keeps its values
    end
  end
\`\`\``;
}

function checkout(design: Design): string | undefined {
  const start = design.functions.find((fn) => fn.name === 'create-checkout-session');
  const hook = design.functions.find((fn) => fn.name.endsWith('-webhook'));
  if (!start || !hook) return undefined;
  const provider = design.model.integrations.find((integration) => integration.kind === start.integration)?.provider ?? 'Payment provider';
  return `### Pay with ${provider}

\`\`\`mermaid
sequenceDiagram
  actor P as Person
  participant W as Web app
  participant F as ${routeOf(design.preset, start)}
  participant S as ${provider}
  participant H as ${routeOf(design.preset, hook)}
  participant D as PostgreSQL
  P->>W: Pay
  W->>F: POST (JWT)
  F->>S: Create checkout session (secret key)
  S-->>F: Session URL
  F-->>W: { url }
  W->>S: Redirect to hosted checkout
  S->>H: Event (signed)
  alt signature valid
    H->>D: Record payment (service role)
    H-->>S: 200
  else signature invalid
    H-->>S: 400, nothing recorded
  end
  S-->>P: Redirect back to the app
\`\`\``;
}

export function workflowsSection(design: Design): string {
  return [signUp(design), createCore(design), checkout(design)].filter((part): part is string => part !== undefined).join('\n\n');
}
