import { lower, unique, withArticle } from '../english.js';
import type { CapabilitySpec, ProductModel, RoleSpec } from '../model.js';
import { capitalize, sentence, valueLabel, words } from '../naming.js';
import type { ScreenEntity } from './entities.js';
import { bookingTitle, buttonLabel, isBooking, type PagePlan } from './pages.js';
import { creatorsOf, rolesFor, VISITOR, type RoleSet } from './roles.js';

/** A user flow with what the spec's flow section says about it. */
export interface FlowPlan {
  name: string;
  role: string;
  goal: string;
  steps: string[];
  entryPoints: string[];
  success: string;
  edgeCases: string[];
  /** True for a flow the client asked for by name. */
  requested: boolean;
}

interface FlowContext {
  model: ProductModel;
  entities: ScreenEntity[];
  roles: RoleSet;
  pages: Map<string, PagePlan>;
}

const PAID_NAMES = /(^|_)(order|booking|appointment|reservation|invoice|payment|subscription|ticket|enrollment|enrolment|purchase)$/;

export function planFlows(model: ProductModel, entities: ScreenEntity[], roles: RoleSet, pages: PagePlan[], requested: string[] = []): FlowPlan[] {
  const ctx: FlowContext = { model, entities, roles, pages: new Map(pages.map((p) => [p.route, p])) };
  const flows: FlowPlan[] = [signUpFlow(ctx)];

  for (const entity of entities) {
    // One create flow per entity: other roles that create it follow the same steps.
    const creators = creatorsOf(entity, roles);
    // Whoever the spec says books is the one who makes a booking, whoever else may create it.
    const booker = isBooking(entity) ? creators.find((r) => r.capabilities.some((c) => /\bbook/i.test(c.text))) : undefined;
    const [creator, ...others] = booker ? [booker, ...creators.filter((r) => r !== booker)] : creators;
    if (creator) flows.push(createFlow(ctx, entity, creator, others));
    const editor = roleByName(roles, rolesFor(entity, roles)[0]) ?? roles.primary;
    flows.push(editFlow(ctx, entity, editor));
  }
  for (const role of roles.all) {
    for (const capability of role.capabilities) {
      const flow = capabilityFlow(ctx, role, capability);
      if (flow) flows.push(flow);
    }
  }
  const payment = paymentFlow(ctx);
  if (payment) flows.push(payment);
  const subscription = subscriptionFlow(ctx);
  if (subscription) flows.push(subscription);
  for (const text of requested) flows.push(requestedFlow(ctx, text));
  return dedupe(flows);
}

/** `Dashboard (/dashboard)`: how steps name a screen. */
function at(ctx: FlowContext, route: string): string {
  const page = ctx.pages.get(route);
  return page ? `${page.name} (${route})` : route;
}

function signUpFlow(ctx: FlowContext): FlowPlan {
  const oauth = ctx.model.integrations.find((i) => i.kind === 'oauth');
  const primary = ctx.roles.primary;
  const first = ctx.entities.find((e) => creatorsOf(e, ctx.roles).includes(primary)) ?? ctx.entities[0];
  const choosable = ctx.roles.all.filter((r) => !r.admin);
  return {
    name: 'Sign up and sign in',
    role: ctx.roles.primary.name,
    goal: `Create an account and reach the dashboard as ${withArticle(lower(ctx.roles.primary.label))}.`,
    steps: [
      `Open ${at(ctx, '/')} and choose "Get started"`,
      `On ${at(ctx, '/signup')} enter name, email and password${choosable.length > 1 ? `, pick "I am a…" (${choosable.map((r) => r.label).join(', ')})` : ''}${
        oauth ? `, or choose "Continue with ${oauth.provider}"` : ''
      }`,
      'Open the confirmation link from the verification email',
      `Sign in on ${at(ctx, '/login')} with the new account`,
      `Land on ${at(ctx, '/dashboard')}, whose empty state offers ${first ? `"New ${lower(first.label)}"` : 'the first action'}`,
    ],
    entryPoints: [at(ctx, '/'), `a shared link to ${at(ctx, '/login')}`, 'the redirect after opening a protected page while signed out'],
    success: 'The person is signed in and sees their dashboard; the session survives a reload.',
    edgeCases: [
      'Email already registered: inline message with a link to sign in',
      'Wrong email or password: one generic message, so accounts cannot be discovered',
      `Forgotten password: ${at(ctx, '/forgot-password')} sends a reset link that opens ${at(ctx, '/reset-password')}`,
      'Unconfirmed email: sign-in explains and offers to resend the confirmation',
      ...(oauth ? [`${oauth.provider} sign-in cancelled: back on sign in with a neutral message`] : []),
    ],
    requested: false,
  };
}

function createFlow(ctx: FlowContext, entity: ScreenEntity, role: RoleSpec, alsoBy: RoleSpec[] = []): FlowPlan {
  const label = lower(entity.label);
  const booking = isBooking(entity);
  const parent = entity.parents.map((t) => ctx.entities.find((e) => e.table === t)).find((e): e is ScreenEntity => Boolean(e));
  const required = entity.fields.filter((f) => f.required && f.kind !== 'reference').map((f) => lower(f.label));
  const optional = entity.fields.filter((f) => !f.required && f.kind !== 'reference').map((f) => lower(f.label));
  const choices = entity.fields.filter((f) => f.kind === 'reference' && f.references !== parent?.table).map((f) => lower(f.label));
  const uploads = entity.fields.filter((f) => f.kind === 'image' || f.kind === 'file').map((f) => lower(f.label));
  const status = entity.fields.find((f) => f.kind === 'enum' && f.enumValues?.length);
  const paid = ctx.model.integrations.some((i) => i.kind === 'payments') && PAID_NAMES.test(entity.name);

  const title = booking ? bookingTitle(entity, ctx.entities) : `Create ${withArticle(label)}`;
  const start = parent
    ? `Open ${at(ctx, parent.route)}, pick the ${lower(parent.label)} and on ${at(ctx, `${parent.route}/:id`)} choose "${booking ? buttonLabel(title) : `Add ${label}`}"`
    : `From ${at(ctx, '/dashboard')} open ${at(ctx, entity.route)} in the sidebar and choose "${booking ? buttonLabel(title) : `New ${label}`}"`;
  const steps = [
    start,
    booking && choices.length
      ? `On ${at(ctx, `${entity.route}/new`)} choose ${choices.join(' and ')} with Selects`
      : `On ${at(ctx, `${entity.route}/new`)} fill in ${required.length ? required.join(', ') : 'the fields'}${optional.length ? `, optionally ${optional.slice(0, 3).join(', ')}` : ''}`,
    ...(booking ? ['Pick a date on the Calendar and one of the available times'] : []),
    ...(!booking && choices.length ? [`Choose ${choices.join(' and ')} from searchable Selects`] : []),
    ...(uploads.length ? [`Upload ${uploads.join(' and ')} (drag and drop or browse; a preview shows before saving)`] : []),
    booking ? 'Review the summary and confirm' : `Submit with "Create ${label}"; invalid fields show inline messages and keep what was typed`,
    ...(paid ? [`Pay on ${at(ctx, '/checkout')}`] : []),
    `See the toast "${sentence(label)} ${booking ? 'booked' : 'created'}" and land on ${at(ctx, `${entity.route}/:id`)}${status ? ` with ${lower(status.label)} "${valueLabel(status.enumValues?.[0] ?? '', status.enumLabels)}"` : ''}`,
  ];
  return {
    name: title,
    role: role.name,
    goal: `${role.label} ${booking ? title.replace(/^\w+/, (verb) => `${verb.toLowerCase()}s`) : `creates ${withArticle(label)}`}${!booking && parent ? ` for ${withArticle(lower(parent.label))}` : ''}.${
      alsoBy.length ? ` ${alsoBy.map((r) => r.label).join(' and ')} ${alsoBy.length === 1 ? 'follows' : 'follow'} the same steps.` : ''
    }`,
    steps,
    entryPoints: unique([
      at(ctx, entity.route),
      ...(parent ? [at(ctx, `${parent.route}/:id`)] : []),
      `the dashboard quick action on ${at(ctx, '/dashboard')}`,
    ]),
    success: `The new ${label} is saved, listed in ${at(ctx, entity.route)} and visible to the people allowed to see it.`,
    edgeCases: [
      'A required field is empty or invalid: inline error, focus moves to the first invalid field',
      'Network or permission error (row level security): toast with "Retry"; the form keeps its data',
      ...(entity.fields.some((f) => f.kind === 'reference') ? ['A referenced item was deleted meanwhile: the Select reloads and says so'] : []),
      ...(booking ? ['The chosen time was just taken: the Calendar refreshes and suggests the nearest free times'] : []),
      ...(paid ? ['Payment fails or is cancelled: nothing is confirmed, and the person can retry from the details page'] : []),
      'Leaving with unsaved changes: an AlertDialog asks to discard them',
    ],
    requested: false,
  };
}

function editFlow(ctx: FlowContext, entity: ScreenEntity, role: RoleSpec): FlowPlan {
  const label = lower(entity.label);
  const displayLabel = entity.fields.find((f) => f.name === entity.displayField)?.label;
  const display = displayLabel ? lower(displayLabel) : 'name';
  const filters = entity.fields.filter((f) => f.kind === 'enum').map((f) => lower(f.label));
  return {
    name: `Find and edit ${withArticle(label)}`,
    role: role.name,
    goal: `${role.label} finds ${withArticle(label)} and changes it.`,
    steps: [
      `Open ${at(ctx, entity.route)} from the sidebar`,
      `Search by ${display}${filters.length ? ` and filter by ${filters.join(' and ')}` : ''}`,
      `Open the ${label} to reach ${at(ctx, `${entity.route}/:id`)}`,
      `Choose "Edit" to open ${at(ctx, `${entity.route}/:id/edit`)}`,
      `Change the fields and choose "Save changes"; the toast "${sentence(label)} updated" confirms and the details page shows the change`,
    ],
    entryPoints: [at(ctx, entity.route), `links on ${at(ctx, '/dashboard')}`, 'a shared link to the details page'],
    success: `The ${label} shows the new values everywhere it appears.`,
    edgeCases: [
      'Save fails: toast with "Retry"; the changes stay in the form',
      'No results: empty state with "Clear filters"',
      ...(entity.owned ? [`Not the owner: "Edit" is hidden, and the edit URL explains that only the owner can change this ${label}`] : []),
      'The item was deleted by someone else: a not-found page with a link back to the list',
    ],
    requested: false,
  };
}

/** A flow for a capability the spec gave a role, when the entity workflows do not already cover it. */
function capabilityFlow(ctx: FlowContext, role: RoleSpec, capability: CapabilitySpec): FlowPlan | undefined {
  const entity = capability.entity ? ctx.entities.find((e) => e.name === capability.entity) : undefined;
  if (entity && (capability.verb === 'create' || capability.verb === 'update')) return undefined;
  // A one-word phrase ("mark") names no task a person could recognise.
  if (words(capability.text).length < 2) return undefined;
  const home = homeOf(ctx, role, capability.text);
  const name = capitalize(capability.text.trim());

  if (entity && capability.verb === 'view') {
    return {
      name,
      role: role.name,
      goal: `${role.label} browses ${lower(entity.pluralLabel)} to find the right one.`,
      steps: [
        `Open ${at(ctx, entity.route)}`,
        'Narrow the list with search and filters; results update as you type',
        `Open one to read it on ${at(ctx, `${entity.route}/:id`)}`,
      ],
      entryPoints: [at(ctx, entity.route), at(ctx, '/dashboard')],
      success: `${role.label} finds the ${lower(entity.label)} they wanted in a few steps.`,
      edgeCases: ['Nothing matches: empty state suggesting broader filters', 'Slow connection: Skeleton rows, never a blank page'],
      requested: false,
    };
  }
  if (entity && capability.verb === 'delete') {
    return {
      name,
      role: role.name,
      goal: `${role.label} removes ${withArticle(lower(entity.label))} safely.`,
      steps: [
        `Open ${at(ctx, `${entity.route}/:id`)}`,
        'Choose "Delete" in the actions DropdownMenu',
        'Confirm in the AlertDialog, which names the item and what goes with it',
        `Return to ${at(ctx, entity.route)} with a toast confirming the deletion`,
      ],
      entryPoints: [at(ctx, entity.route), at(ctx, `${entity.route}/:id`)],
      success: `The ${lower(entity.label)} is gone from every list.`,
      edgeCases: ['Cancel in the AlertDialog leaves everything as it was', 'Not allowed: the action is hidden rather than failing'],
      requested: false,
    };
  }
  if (entity && capability.verb === 'manage') {
    const label = lower(entity.label);
    return {
      name,
      role: role.name,
      goal: `${role.label} keeps the ${lower(entity.pluralLabel)} up to date: adds, changes and removes them.`,
      steps: [
        `Open ${at(ctx, entity.route)}`,
        `Add one with "New ${label}" on ${at(ctx, `${entity.route}/new`)}`,
        `Change one from ${at(ctx, `${entity.route}/:id`)} with "Edit" (${at(ctx, `${entity.route}/:id/edit`)})`,
        'Remove one with "Delete" in the row actions, confirmed in an AlertDialog',
      ],
      entryPoints: [at(ctx, entity.route)],
      success: `The list of ${lower(entity.pluralLabel)} reflects every change at once.`,
      edgeCases: ['Deleting an item others depend on: the AlertDialog says what else goes', 'Concurrent edits: the last save wins and the page reloads the fresh values'],
      requested: false,
    };
  }
  if (entity) {
    return {
      name,
      role: role.name,
      goal: `${role.label} can ${capability.text}.`,
      steps: [
        `Open ${at(ctx, entity.route)} and the ${lower(entity.label)} concerned on ${at(ctx, `${entity.route}/:id`)}`,
        `Choose "${name}" in the page's actions`,
        'Complete the short form in a Dialog and confirm',
        'See a toast confirming it; the details page shows the change',
      ],
      entryPoints: [at(ctx, `${entity.route}/:id`)],
      success: `The change is saved and visible on the ${lower(entity.label)}.`,
      edgeCases: ['Invalid input: inline error in the Dialog, which stays open', 'Permission denied: toast explaining who can do this'],
      requested: false,
    };
  }
  return {
    name,
    role: role.name,
    goal: `${role.label} can ${capability.text}.`,
    steps: [
      `Open ${at(ctx, home)}`,
      `Choose "${name}"`,
      'Fill in the Dialog and confirm',
      'See a toast confirming it',
    ],
    entryPoints: [at(ctx, home)],
    success: `“${name}” is done and confirmed on screen.`,
    edgeCases: ['Invalid input: inline error; nothing is sent', 'The action fails: toast with "Retry"'],
    requested: false,
  };
}

function paymentFlow(ctx: FlowContext): FlowPlan | undefined {
  const payments = ctx.model.integrations.find((i) => i.kind === 'payments');
  if (!payments || !ctx.pages.has('/checkout')) return undefined;
  const paid = ctx.entities.find((e) => PAID_NAMES.test(e.name)) ?? ctx.entities.find((e) => e.fields.some((f) => f.kind === 'money'));
  // Who pays: the role whose capabilities say so, else whoever creates the paid item.
  const payer =
    roleSaying(ctx.roles, /\b(pay|pays|check ?out|buy|buys|purchase|deposit|book|books)\b/i) ??
    (paid && PAID_NAMES.test(paid.name) ? roleByName(ctx.roles, creatorsOf(paid, ctx.roles)[0]?.name) : undefined) ??
    ctx.roles.primary;
  const what = paid ? withArticle(lower(paid.label)) : 'a purchase';
  return {
    name: `Pay with ${payments.provider}`,
    role: payer.name,
    goal: `${payer.label} pays for ${what} securely.`,
    steps: [
      paid ? `From ${at(ctx, `${paid.route}/:id`)} choose "Pay"` : `Choose "Check out" from ${at(ctx, '/dashboard')}`,
      `Review the summary and total on ${at(ctx, '/checkout')}`,
      `Continue to ${payments.provider}'s hosted payment page and pay`,
      `Return to ${at(ctx, '/checkout/success')}, which confirms once the payment is recorded`,
      'Receive the receipt by email',
    ],
    entryPoints: [paid ? at(ctx, `${paid.route}/:id`) : at(ctx, '/dashboard')],
    success: `The payment is recorded and ${paid ? `the ${lower(paid.label)} shows as paid` : 'the purchase is confirmed'}.`,
    edgeCases: [
      'Card declined: back on checkout with the reason and a retry',
      'Payment cancelled: nothing charged, nothing confirmed',
      'Webhook delayed: "Confirming payment…" with a Skeleton instead of a premature success',
    ],
    requested: false,
  };
}

function subscriptionFlow(ctx: FlowContext): FlowPlan | undefined {
  const subscriptions = ctx.model.integrations.find((i) => i.kind === 'subscriptions');
  if (!subscriptions || !ctx.pages.has('/pricing')) return undefined;
  return {
    name: 'Subscribe to a plan',
    role: (roleSaying(ctx.roles, /subscri|membership|plan/i) ?? subscriberByEntity(ctx) ?? ctx.roles.primary).name,
    goal: 'Choose a plan and start paying for it.',
    steps: [
      `Open ${at(ctx, '/pricing')} from ${at(ctx, '/')}`,
      'Compare plans and choose one',
      `Sign up on ${at(ctx, '/signup')} if not signed in`,
      `Pay on ${subscriptions.provider}'s hosted checkout`,
      `Return to ${at(ctx, '/settings/billing')} showing the active plan`,
    ],
    entryPoints: [at(ctx, '/pricing'), at(ctx, '/settings/billing')],
    success: 'The subscription is active and paid features unlock at once.',
    edgeCases: ['Payment fails: the plan stays inactive and billing explains why', 'Cancel: AlertDialog confirms, access lasts until the period ends'],
    requested: false,
  };
}

/** A flow the client named: matched to an entity and a verb when the words allow, otherwise routed from the dashboard. */
function requestedFlow(ctx: FlowContext, text: string): FlowPlan {
  const said = new Set(words(text));
  const entity = ctx.entities.find((e) => [e.name, e.table, ...words(e.label), ...words(e.pluralLabel)].some((w) => said.has(w)));
  const lower = text.toLowerCase();
  const base = (() => {
    if (/sign ?up|register|onboard|log ?in|sign ?in/.test(lower)) return signUpFlow(ctx);
    if (/pay|checkout|check out|purchase|buy/.test(lower)) return paymentFlow(ctx);
    if (/subscri|upgrade|plan/.test(lower)) return subscriptionFlow(ctx);
    if (!entity) return undefined;
    const role = roleByName(ctx.roles, rolesFor(entity, ctx.roles)[0]) ?? ctx.roles.primary;
    if (/edit|update|change|rename|find|search/.test(lower)) return editFlow(ctx, entity, role);
    if (/delete|remove|archive/.test(lower)) return capabilityFlow(ctx, role, { verb: 'delete', entity: entity.name, text });
    if (/view|browse|see|read|list/.test(lower)) return capabilityFlow(ctx, role, { verb: 'view', entity: entity.name, text });
    if (/assign|reassign|move|mark|approve|reject|share|invite|archive|close|complete/.test(lower)) {
      return capabilityFlow(ctx, role, { verb: 'other', entity: entity.name, text });
    }
    return createFlow(ctx, entity, creatorsOf(entity, ctx.roles)[0] ?? role);
  })();
  if (base) return { ...base, name: text, requested: true };

  const page = bestPage(ctx, said);
  return {
    name: text,
    role: ctx.roles.primary.name,
    goal: `${ctx.roles.primary.label} can ${text.charAt(0).toLowerCase()}${text.slice(1)}.`,
    steps: [
      `Sign in and open ${at(ctx, '/dashboard')}`,
      `Go to ${at(ctx, page)} from the sidebar`,
      `Complete "${text}" with the page's primary action`,
      'See a toast confirming it',
    ],
    entryPoints: [at(ctx, '/dashboard'), at(ctx, page)],
    success: `"${text}" is completed and confirmed on screen.`,
    edgeCases: ['Invalid input: inline errors, nothing lost', 'The action fails: toast with "Retry"'],
    requested: true,
  };
}

/** The page whose name or route shares the most words with the text; the dashboard when none does. */
function bestPage(ctx: FlowContext, said: Set<string>): string {
  let best = '/dashboard';
  let score = 0;
  for (const page of ctx.pages.values()) {
    const overlap = words(`${page.name} ${page.route}`).filter((w) => said.has(w)).length;
    if (overlap > score && !page.roles.includes(VISITOR)) {
      best = page.route;
      score = overlap;
    }
  }
  return best;
}

/** Where an action without an entity lives: billing, people administration, or the settings. */
function homeOf(ctx: FlowContext, role: RoleSpec, text: string): string {
  if (/billing|plan|subscription|invoice/i.test(text) && ctx.pages.has('/settings/billing')) return '/settings/billing';
  if (role.admin && ctx.pages.has('/admin')) return /(member|user|people|invite|role|account)/i.test(text) ? '/admin/users' : '/admin';
  return '/settings';
}

function subscriberByEntity(ctx: FlowContext): RoleSpec | undefined {
  const plan = ctx.entities.find((e) => /(^|_)(subscription|membership)$/.test(e.name));
  return plan ? creatorsOf(plan, ctx.roles)[0] : undefined;
}

function roleSaying(roles: RoleSet, pattern: RegExp): RoleSpec | undefined {
  return roles.all.find((r) => !r.admin && r.capabilities.some((c) => pattern.test(c.text)));
}

function roleByName(roles: RoleSet, name: string | undefined): RoleSpec | undefined {
  return name ? roles.all.find((r) => r.name === name) : undefined;
}

/** One flow per name; a second role doing the same thing gets its own flow, named for the role. */
function dedupe(flows: FlowPlan[]): FlowPlan[] {
  const byName = new Map<string, FlowPlan>();
  const result: FlowPlan[] = [];
  for (const flow of flows) {
    const key = flow.name.toLowerCase();
    const existing = byName.get(key);
    if (existing && (existing.role === flow.role || flow.requested)) continue;
    const named = existing ? { ...flow, name: `${flow.name} (${sentence(flow.role)})` } : flow;
    if (byName.has(named.name.toLowerCase())) continue;
    byName.set(named.name.toLowerCase(), named);
    result.push(named);
  }
  return result;
}
