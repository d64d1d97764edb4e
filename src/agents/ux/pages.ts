import type { Page } from '../../contract/index.js';
import { listing, lower, pluralLabel, unique, withArticle } from '../english.js';
import type { ProductModel } from '../model.js';
import { valueLabel } from '../naming.js';
import type { ScreenEntity, ScreenField } from './entities.js';
import { creatorsOf, rolesFor, VISITOR, type RoleSet } from './roles.js';

/** A page with what the wireframe section says about it. */
export interface PagePlan extends Page {
  kind: NonNullable<Page['kind']>;
  purpose: string;
  roles: string[];
  components: string[];
  /** Key elements, top to bottom. */
  elements: string[];
  interactions: string[];
}

export const LAYOUTS = {
  marketing: 'marketing: header + hero + feature sections + footer',
  centered: 'centered: single card on a muted background',
  app: 'app-shell: sidebar + header + main',
  form: 'app-shell: sidebar + header + main (single-column form, max-w-2xl)',
} as const;

/**
 * Entities people book for a time: their create flow is a booking. Some names say so alone;
 * others (a visit, a session) only when the entity has a date.
 */
/** "Book an appointment"; a booking of a class is "Book a class"; "Make a reservation" when nothing is booked by name. */
export function bookingTitle(entity: ScreenEntity, all: ScreenEntity[]): string {
  const label = lower(entity.label);
  if (!/(booking|reservation)$/.test(entity.name)) return `Book ${withArticle(label)}`;
  const parent = all.find((e) => entity.parents.includes(e.table));
  return parent ? `Book ${withArticle(lower(parent.label))}` : `Make ${withArticle(label)}`;
}

/** The words on a button: the title without its article ("Book class"). */
export function buttonLabel(title: string): string {
  return title.replace(/ (a|an) /, ' ');
}

export function isBooking(entity: ScreenEntity): boolean {
  if (/(^|_)(appointment|booking|reservation)$/.test(entity.name)) return true;
  return /(^|_)(session|lesson|visit|time_slot)$/.test(entity.name) && entity.fields.some((f) => f.kind === 'date' || f.kind === 'datetime');
}

export function planPages(model: ProductModel, entities: ScreenEntity[], roles: RoleSet): PagePlan[] {
  const kinds = new Set(model.integrations.map((i) => i.kind));
  const everyone = roles.all.map((r) => r.name);
  const pages: PagePlan[] = [];
  const oauth = model.integrations.find((i) => i.kind === 'oauth');

  pages.push({
    name: 'Home',
    route: '/',
    kind: 'landing',
    layout: LAYOUTS.marketing,
    purpose: `Say what ${model.name} keeps for ${listing(roles.all.map((r) => pluralLabel(r.label)))} (${listing(entities.slice(0, 4).map((e) => lower(e.pluralLabel))) || 'their records'}) and lead visitors to sign up.`,
    roles: [VISITOR],
    components: ['Button', 'Card', 'Badge', 'Separator'],
    elements: [
      `Header: logo "${model.name}", "Sign in" (ghost Button), "Get started" (primary Button)`,
      `Hero: one-line promise from the summary, a supporting sentence${model.segments.length ? ` for ${model.segments.join(', ').toLowerCase()}` : ''}, primary CTA to /signup`,
      `Feature Cards, one per core capability: ${entities.slice(0, 4).map((e) => lower(e.pluralLabel)).join(', ') || 'the main workflow'}`,
      'Footer: links to sign in, privacy and terms',
    ],
    interactions: ['CTA buttons are links styled as buttons (correct role for screen readers)', 'Header collapses to a Sheet menu below 640px'],
  });

  pages.push({
    name: 'Sign in',
    route: '/login',
    kind: 'auth',
    layout: LAYOUTS.centered,
    purpose: 'Let a returning person sign in.',
    roles: [VISITOR],
    components: ['Card', 'Form', 'Input', 'Label', 'Button', ...(oauth ? ['Separator'] : []), 'Sonner'],
    elements: [
      'Card title "Sign in" and a link to Sign up',
      'Email and password fields with visible labels; "Forgot password?" link',
      ...(oauth ? [`Separator "or", then "Continue with ${oauth.provider}" (outline Button)`] : []),
      'Primary Button "Sign in"',
    ],
    interactions: ['Submit disables the button and shows a spinner', 'Errors appear above the form in an aria-live region without revealing which field was wrong'],
  });
  pages.push({
    name: 'Sign up',
    route: '/signup',
    kind: 'auth',
    layout: LAYOUTS.centered,
    purpose: `Create an account${roles.all.length > 1 ? ` (as ${roles.all.filter((r) => !r.admin).map((r) => lower(r.label)).join(' or ')})` : ''}.`,
    roles: [VISITOR],
    components: ['Card', 'Form', 'Input', 'Label', 'Button', 'Checkbox', ...(signupRoles(roles).length > 1 ? ['Select'] : []), ...(oauth ? ['Separator'] : []), 'Sonner'],
    elements: [
      'Card title "Create your account" and a link to Sign in',
      'Name, email and password fields (password rules shown before typing)',
      ...(signupRoles(roles).length > 1 ? [`"I am a…" Select: ${signupRoles(roles).map((r) => r.label).join(', ')}`] : []),
      'Checkbox accepting the terms',
      ...(oauth ? [`"Continue with ${oauth.provider}" (outline Button)`] : []),
      'Primary Button "Create account"',
    ],
    interactions: ['Inline validation on blur, summary on submit', 'After submit: "Check your email" confirmation state'],
  });
  pages.push({
    name: 'Forgot password',
    route: '/forgot-password',
    kind: 'auth',
    layout: LAYOUTS.centered,
    purpose: 'Send a password reset link.',
    roles: [VISITOR],
    components: ['Card', 'Form', 'Input', 'Label', 'Button', 'Sonner'],
    elements: ['Email field', 'Primary Button "Send reset link"', 'Link back to Sign in'],
    interactions: ['Always answers "If an account exists, a link is on its way" (no account enumeration)'],
  });
  pages.push({
    name: 'Reset password',
    route: '/reset-password',
    kind: 'auth',
    layout: LAYOUTS.centered,
    purpose: 'Set a new password from the emailed link.',
    roles: [VISITOR],
    components: ['Card', 'Form', 'Input', 'Label', 'Button', 'Sonner'],
    elements: ['New password and confirmation fields', 'Primary Button "Update password"'],
    interactions: ['On success: toast and redirect to /dashboard'],
  });

  pages.push(dashboardPage(entities, roles, everyone));

  for (const entity of entities) pages.push(...entityPages(entity, entities, roles, kinds.has('maps')));

  if (kinds.has('payments')) {
    const provider = model.integrations.find((i) => i.kind === 'payments')?.provider ?? 'the payment provider';
    pages.push({
      name: 'Checkout',
      route: '/checkout',
      kind: 'other',
      layout: LAYOUTS.app,
      purpose: `Review what is being paid for and hand over to ${provider}'s hosted checkout.`,
      roles: everyone.filter((r) => !roles.admins.some((a) => a.name === r)),
      components: ['Card', 'Separator', 'Button', 'Badge', 'Skeleton', 'Sonner'],
      elements: ['Order summary Card: items, quantities, total', `Primary Button "Pay with ${provider}"`, 'Secure-payment note'],
      interactions: ['Button shows a spinner while the checkout session is created', 'Cancelled payments return here with a neutral message'],
    });
    pages.push({
      name: 'Payment confirmation',
      route: '/checkout/success',
      kind: 'other',
      layout: LAYOUTS.app,
      purpose: 'Confirm a completed payment and say what happens next.',
      roles: everyone.filter((r) => !roles.admins.some((a) => a.name === r)),
      components: ['Card', 'Button', 'Skeleton'],
      elements: ['Success Card with amount and reference', 'Button back to the paid item'],
      interactions: ['Shows "Confirming payment…" (Skeleton) until the payment webhook has been processed'],
    });
  }
  if (kinds.has('subscriptions')) {
    pages.push({
      name: 'Pricing',
      route: '/pricing',
      kind: 'other',
      layout: LAYOUTS.marketing,
      purpose: 'Compare plans and start a subscription.',
      roles: [VISITOR],
      components: ['Card', 'Badge', 'Button', 'Tabs', 'Separator'],
      elements: ['Monthly / yearly Tabs', 'One Card per plan with features and a "Choose plan" Button', 'Recommended plan marked with a Badge'],
      interactions: ['Choosing a plan signs the visitor up first, then opens checkout'],
    });
    pages.push({
      name: 'Billing',
      route: '/settings/billing',
      kind: 'settings',
      layout: LAYOUTS.app,
      purpose: 'See the current plan, invoices and change or cancel the subscription.',
      roles: everyone,
      components: ['Card', 'Table', 'Badge', 'Button', 'AlertDialog', 'Sonner'],
      elements: ['Current plan Card with renewal date', 'Invoices Table', '"Manage subscription" Button (provider portal)'],
      interactions: ['Cancelling asks for confirmation in an AlertDialog'],
    });
  }
  if (kinds.has('notifications')) {
    pages.push({
      name: 'Notifications',
      route: '/notifications',
      kind: 'other',
      layout: LAYOUTS.app,
      purpose: 'Read and clear notifications.',
      roles: everyone,
      components: ['Card', 'Badge', 'Button', 'Skeleton'],
      elements: ['List of notifications, unread first, each linking to its item', '"Mark all as read" Button'],
      interactions: ['Unread count Badge in the header updates in real time'],
    });
  }

  pages.push({
    name: 'Settings',
    route: '/settings',
    kind: 'settings',
    layout: LAYOUTS.app,
    purpose: 'Manage the profile, password, notification preferences and the account.',
    roles: everyone,
    components: ['Tabs', 'Card', 'Form', 'Input', 'Label', 'Avatar', 'Button', ...(kinds.has('email') || kinds.has('notifications') ? ['Switch'] : []), 'Separator', 'AlertDialog', 'Sonner'],
    elements: [
      'Tabs: Profile, Security' + (kinds.has('email') || kinds.has('notifications') ? ', Notifications' : '') + ', Account',
      'Profile: Avatar upload, name',
      'Security: change password',
      ...(kinds.has('email') || kinds.has('notifications') ? ['Notifications: one Switch per email the product sends'] : []),
      'Account: delete account (destructive Button, AlertDialog confirmation)',
    ],
    interactions: ['Each tab saves on its own with a toast', 'Tabs are URL-addressable (?tab=security)'],
  });

  if (roles.admins.length > 0) {
    const admins = roles.admins.map((r) => r.name);
    pages.push({
      name: 'Admin overview',
      route: '/admin',
      kind: 'other',
      layout: LAYOUTS.app,
      purpose: 'Let administrators watch the whole product: users and activity across every table.',
      roles: admins,
      components: ['Card', 'Table', 'Badge', 'Skeleton'],
      elements: [
        `Stat Cards: users${entities.slice(0, 3).map((e) => `, ${lower(e.pluralLabel)}`).join('')}`,
        'Recent activity Table',
      ],
      interactions: ['Stat Cards link to the matching list'],
    });
    pages.push({
      name: 'Users',
      route: '/admin/users',
      // Not an entity list: accounts live in Supabase Auth and profiles, outside the data pages.
      kind: 'other',
      layout: LAYOUTS.app,
      purpose: `Invite people, change their role (${roles.all.map((r) => lower(r.label)).join(', ')}) and deactivate accounts.`,
      roles: admins,
      components: ['Table', 'Input', 'Select', 'Badge', 'Avatar', 'DropdownMenu', 'Dialog', 'Button', 'Pagination', 'AlertDialog', 'Sonner'],
      elements: ['Search Input and role filter Select', 'Users Table: Avatar, name, email, role Badge, status, row actions', '"Invite user" Button opening a Dialog'],
      interactions: ['Role changes apply at once with an undo toast', 'Deactivating asks for confirmation'],
    });
  }

  return dedupeRoutes(pages);
}

function signupRoles(roles: RoleSet) {
  return roles.all.filter((r) => !r.admin);
}

function dashboardPage(entities: ScreenEntity[], roles: RoleSet, everyone: string[]): PagePlan {
  const widgets = roles.all.map((role) => {
    if (role.admin) return `${role.label}: user count, recent sign-ups, link to Admin`;
    const own = entities.filter((e) => rolesFor(e, roles).includes(role.name));
    const made = entities.find((e) => creatorsOf(e, roles).some((r) => r.name === role.name));
    const counted = own.slice(0, 3).map((e) => lower(e.pluralLabel));
    const recent = made ?? own[0];
    const action = made ? (isBooking(made) ? buttonLabel(bookingTitle(made, entities)) : `New ${lower(made.label)}`) : undefined;
    return `${role.label}: ${counted.length ? `counts of ${counted.join(', ')}` : 'activity summary'}${recent ? `; recent ${lower(recent.pluralLabel)}` : ''}${action ? `; quick action "${action}"` : ''}`;
  });
  const charted = entities.some((e) => e.fields.some((f) => f.kind === 'enum' || f.kind === 'money'));
  const status = entities.find((e) => e.fields.some((f) => f.kind === 'enum'));
  return {
    name: 'Dashboard',
    route: '/dashboard',
    kind: 'dashboard',
    layout: LAYOUTS.app,
    purpose: 'Show each person what needs their attention and start their most frequent tasks.',
    roles: everyone,
    components: ['Card', 'Table', 'Badge', 'Button', 'Skeleton', ...(charted ? ['Chart'] : [])],
    elements: [
      ...widgets.map((w) => `Widget for ${w}`),
      ...(status && charted ? [`Chart: ${lower(status.pluralLabel)} by ${lower(status.fields.find((f) => f.kind === 'enum')?.label ?? 'status')}`] : []),
      'Empty state for a new account: one sentence and the first action',
    ],
    interactions: ['Widgets load independently with Skeletons', 'Every count links to its filtered list'],
  };
}

function entityPages(entity: ScreenEntity, all: ScreenEntity[], roles: RoleSet, maps: boolean): PagePlan[] {
  const label = lower(entity.label);
  const viewers = rolesFor(entity, roles);
  const creators = unique([...creatorsOf(entity, roles).map((r) => r.name), ...roles.admins.map((r) => r.name)]);
  const enums = entity.fields.filter((f) => f.kind === 'enum');
  const references = entity.fields.filter((f) => f.kind === 'reference');
  const visual = entity.fields.some((f) => f.kind === 'image');
  const located = maps && entity.fields.some((f) => f.kind === 'location');
  const booking = isBooking(entity);
  const display = entity.fields.find((f) => f.name === entity.displayField)?.label ?? 'name';
  const childEntities = entity.children.map((table) => all.find((e) => e.table === table)).filter((e): e is ScreenEntity => Boolean(e));
  const parentEntities = entity.parents.map((table) => all.find((e) => e.table === table)).filter((e): e is ScreenEntity => Boolean(e));
  const columns = entity.fields.filter((f) => f.kind !== 'long_text' && f.kind !== 'json').slice(0, 5);

  const list: PagePlan = {
    name: entity.pluralLabel,
    route: entity.route,
    kind: 'list',
    layout: LAYOUTS.app,
    entity: entity.table,
    purpose: `Find, filter and open ${lower(entity.pluralLabel)}${entity.owned ? ' (your own first)' : ''}.`,
    roles: viewers,
    components: unique([
      visual ? 'Card' : 'Table',
      'Input',
      ...(enums.length || references.length ? ['Select'] : []),
      ...(enums.length ? ['Badge'] : []),
      ...(booking ? ['Tabs', 'Calendar'] : []),
      'Button',
      'DropdownMenu',
      'Pagination',
      'Skeleton',
      'AlertDialog',
      'Sonner',
    ]),
    elements: [
      `Page header "${entity.pluralLabel}" with primary Button "New ${label}"`,
      `Toolbar: search by ${display.toLowerCase()}${enums.map((f) => `, ${lower(f.label)} filter`).join('')}${references.map((f) => `, ${lower(f.label)} filter`).join('')}`,
      visual
        ? `Card grid: image, ${display.toLowerCase()} and key facts per ${label}`
        : `Table columns: ${columns.map((f) => f.label).join(', ') || display}; row actions in a DropdownMenu (view, edit, delete)`,
      ...(booking ? [`Tabs "List" / "Calendar": Calendar view of ${lower(entity.pluralLabel)} by date`] : []),
      ...(located ? ['Map toggle showing results by location'] : []),
      'Pagination (20 per page) and an empty state with the create action',
    ],
    interactions: ['Filters and page live in the URL so views can be shared', 'Rows are links: Enter opens, the menu button opens actions'],
  };

  const detail: PagePlan = {
    name: `${entity.label} details`,
    route: `${entity.route}/:id`,
    kind: 'detail',
    layout: LAYOUTS.app,
    entity: entity.table,
    purpose: `Everything about one ${label}${childEntities.length ? `, with its ${childEntities.map((c) => lower(c.pluralLabel)).join(' and ')}` : ''}.`,
    roles: viewers,
    components: unique([
      'Breadcrumb',
      'Card',
      ...(enums.length ? ['Badge'] : []),
      ...(entity.owned ? ['Avatar'] : []),
      'Button',
      'DropdownMenu',
      ...(childEntities.length ? ['Tabs', 'Table'] : []),
      'Separator',
      'Skeleton',
      'AlertDialog',
      'Sonner',
    ]),
    elements: [
      `Breadcrumb ${[...parentEntities.map((p) => p.pluralLabel), entity.pluralLabel].join(' › ')} › ${display.toLowerCase()}`,
      `Header: ${display.toLowerCase()}${enums.map((f) => `, ${lower(f.label)} Badge`).join('')}; "Edit" Button and a DropdownMenu with Delete`,
      `Details Card: ${entity.fields.filter((f) => f.name !== entity.displayField).map((f) => f.label).slice(0, 8).join(', ') || 'all fields'}`,
      ...childEntities.map((c) => `${c.pluralLabel} tab: this ${label}'s ${lower(c.pluralLabel)} in a Table, with "Add ${lower(c.label)}" (opens ${c.route}/new?${entity.name}_id=:id)`),
    ],
    interactions: ['Delete asks for confirmation in an AlertDialog naming the item', ...(enums.length ? ['Status Badges use text as well as colour'] : [])],
  };

  // A booking is made on a calendar even when the date is not yet a column of its own.
  const formComponents = unique([...formComponentsFor(entity.fields), ...(booking ? ['Popover', 'Calendar'] : [])]);
  const newForm: PagePlan = {
    name: booking ? bookingTitle(entity, all) : `New ${label}`,
    route: `${entity.route}/new`,
    kind: 'form',
    layout: LAYOUTS.form,
    entity: entity.table,
    purpose: booking ? `${bookingTitle(entity, all)}: choose what, with whom and when.` : `Create ${withArticle(label)}.`,
    roles: creators,
    components: formComponents,
    elements: formElements(entity, booking ? buttonLabel(bookingTitle(entity, all)) : `Create ${label}`),
    interactions: formInteractions(parentEntities),
  };
  const editForm: PagePlan = {
    name: `Edit ${label}`,
    route: `${entity.route}/:id/edit`,
    kind: 'form',
    layout: LAYOUTS.form,
    entity: entity.table,
    purpose: `Change ${withArticle(label)}'s details.`,
    roles: creators,
    components: formComponents,
    elements: formElements(entity, 'Save changes'),
    interactions: [...formInteractions(parentEntities), 'Leaving with unsaved changes asks for confirmation'],
  };
  return [list, newForm, detail, editForm];
}

function formComponentsFor(fields: ScreenField[]): string[] {
  const kinds = new Set(fields.map((f) => f.kind));
  const has = (...list: ScreenField['kind'][]) => list.some((k) => kinds.has(k));
  return unique([
    'Form',
    'Label',
    ...(has('text', 'email', 'phone', 'url', 'integer', 'decimal', 'money', 'image', 'file', 'duration', 'time', 'location') ? ['Input'] : []),
    ...(has('long_text', 'json') ? ['Textarea'] : []),
    ...(has('enum', 'reference', 'rating') ? ['Select'] : []),
    ...(has('date', 'datetime') ? ['Popover', 'Calendar'] : []),
    ...(has('boolean') ? ['Switch'] : []),
    'Button',
    'AlertDialog',
    'Sonner',
  ]);
}

function formElements(entity: ScreenEntity, submit: string): string[] {
  const required = entity.fields.filter((f) => f.required).map((f) => f.label);
  return [
    ...entity.fields.map((f) => `${f.label}: ${controlOf(f)}${f.required ? ' (required)' : ''}`),
    `${required.length ? `Required fields marked; ` : ''}primary Button "${submit}" and a "Cancel" link`,
  ];
}

/** The shadcn/ui control a field is edited with. */
export function controlOf(field: ScreenField): string {
  switch (field.kind) {
    case 'long_text':
      return 'Textarea';
    case 'json':
      return 'Textarea (structured)';
    case 'enum':
      return `Select (${(field.enumValues ?? []).map((v) => valueLabel(v, field.enumLabels)).join(', ')})`;
    case 'reference':
      return `Select of ${field.references === 'profiles' ? 'people' : (field.references ?? 'rows')} (searchable)`;
    case 'rating':
      return 'Select (1–5)';
    case 'date':
      return 'date picker (Popover + Calendar)';
    case 'datetime':
      return 'date picker (Popover + Calendar) and time Input';
    case 'boolean':
      return 'Switch';
    case 'money':
      return 'Input (number, currency prefix)';
    case 'integer':
    case 'decimal':
      return 'Input (number)';
    case 'image':
    case 'file':
      return 'Input (file, with preview)';
    case 'email':
      return 'Input (email)';
    case 'phone':
      return 'Input (tel)';
    case 'url':
      return 'Input (url)';
    default:
      return 'Input';
  }
}

function formInteractions(parents: ScreenEntity[]): string[] {
  return [
    'Validation with the browser\'s constraint checks (required, type, min/max, pattern) shown inline on blur; on submit every error shows and focus moves to the first invalid field',
    'Submit shows a spinner and disables the button; success shows a toast and opens the details page',
    ...parents.map((p) => `${p.label} is pre-selected when the form is opened from ${withArticle(lower(p.label))} (?${p.name}_id=)`),
  ];
}

function dedupeRoutes(pages: PagePlan[]): PagePlan[] {
  const seen = new Set<string>();
  return pages.filter((page) => (seen.has(page.route) ? false : (seen.add(page.route), true)));
}
