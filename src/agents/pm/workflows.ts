import type { Priority } from '../../contract/index.js';
import { listing, lower, pluralLabel, withArticle } from '../english.js';
import { capitalize, isPluralWord, words } from '../naming.js';
import type { AttributeSpec, CapabilitySpec, EntitySpec, RelationshipSpec, RoleSpec } from '../model.js';
import type { DraftEpic, DraftRequirement, DraftStory } from './draft.js';
import { field, prose, sentenceEnd } from './phrases.js';
import { creatorsOf, entityNamed, isDeferred, roleNamed, type Scope } from './scope.js';

/**
 * The core workflow epics: one per group of entities (a parent and its children), each story a
 * vertical slice delivering one entity end to end, then role actions tied to no single entity.
 */
export function workflowEpics(scope: Scope): DraftEpic[] {
  const epics: DraftEpic[] = scope.groups.map((group) => groupEpic(scope, group));
  const groupIndex = new Map<string, number>();
  scope.groups.forEach((group, index) => group.forEach((entity) => groupIndex.set(entity.name, index)));

  // A many-to-many link is delivered with the later of its two ends, so no story waits on a later epic.
  const linked = new Set<string>();
  for (const rel of scope.model.relationships) {
    const pair = [rel.from, rel.to].sort().join(':');
    if (rel.kind !== 'many-to-many' || linked.has(pair)) continue;
    linked.add(pair);
    const ends = [rel.from, rel.to].flatMap((name) => groupIndex.get(name) ?? []);
    const story = linkStory(scope, rel);
    const at = Math.max(-1, ...ends);
    if (story && at >= 0) epics[at]?.stories.push(story);
  }

  const leftovers = scope.roles.flatMap((role) =>
    role.capabilities.flatMap((cap, index) => (groupIndex.has(cap.entity ?? '') || isDeferred(scope, cap) ? [] : [{ role, cap, index }])),
  );
  if (leftovers.length > 0) {
    const roles = [...new Set(leftovers.map(({ role }) => role))];
    epics.push({
      title: `${capitalize(listing(roles.map((role) => lower(role.label))))} tools`,
      goal:
        `Give ${listing(roles.map((role) => pluralLabel(role.label)))} the actions that belong to no single record: ${listing(leftovers.map(({ cap }) => cap.text))}. ` +
        'Each action is offered only to the roles that need it and is enforced in the database, not only hidden in the interface.',
      stories: leftovers.map(({ role, cap, index }) => capabilityStory(scope, role, cap, index, undefined)),
    });
  }
  return epics;
}

function groupEpic(scope: Scope, group: EntitySpec[]): DraftEpic {
  const stories: DraftStory[] = [];
  for (const entity of group) {
    stories.push(entityStory(scope, entity));
    for (const role of scope.roles) {
      role.capabilities.forEach((cap, index) => {
        if (cap.entity === entity.name && !creatorsOf(scope, entity).includes(role) && !isDeferred(scope, cap)) {
          stories.push(capabilityStory(scope, role, cap, index, entity));
        }
      });
    }
  }
  const creators = [...new Set(group.flatMap((entity) => creatorsOf(scope, entity)))];
  const plurals = listing(group.map((entity) => lower(entity.pluralLabel)));
  const head = group[0] as EntitySpec;
  const actor = creatorsOf(scope, head)[0] ?? scope.primary;
  const firstAction = actor.capabilities.find((cap) => cap.entity === head.name)?.text ?? `create ${withArticle(lower(head.label))} and find it again`;
  return {
    title: capitalize(plurals),
    goal:
      `Let ${listing(creators.map((role) => pluralLabel(role.label)))} create and manage ${lower(head.pluralLabel)}` +
      `${prose(head.description) ? ` (${lower(prose(head.description))})` : ''}` +
      `${group.length > 1 ? `, with their ${listing(group.slice(1).map((entity) => lower(entity.pluralLabel)))}` : ''}. ` +
      `Each story delivers one part end to end: a table with row level security, list, detail and form screens, and validation. ` +
      `When the epic is done, ${withArticle(lower(actor.label))} can ${firstAction}.`,
    stories,
  };
}

function entityStory(scope: Scope, entity: EntitySpec): DraftStory {
  const creators = creatorsOf(scope, entity);
  const who = capitalize(listing(creators.map((role) => withArticle(lower(role.label))), 'or'));
  const label = lower(entity.label);
  const plural = lower(entity.pluralLabel);
  const rel = scope.parentOf.get(entity.name);
  const parent = entityNamed(scope, rel?.from);
  const parentLabel = parent ? lower(parent.label) : '';
  const core = scope.core.has(entity.name);
  const shown = entity.attributes.slice(0, 6);
  const details = shown.length > 0 ? ` with ${listing(shown.map((attr) => field(lower(attr.label))))}` : '';
  const key = (part: string) => `entity:${entity.name}:${part}`;

  const covers: DraftRequirement[] = core
    ? [
        { key: key('create'), description: `${who} can create ${withArticle(label)}${parent ? ` in ${withArticle(parentLabel)}` : ''}${details}.`, priority: 'must' },
        {
          key: key('view'),
          description: `${who} can see a list of ${entity.owned ? `their ${plural}` : `all ${plural}`} and open ${withArticle(label)} to see its details.`,
          priority: 'must',
        },
        {
          key: key('change'),
          description: `${who} can edit and delete ${entity.owned ? `their own ${plural}` : plural}; deleting asks for confirmation.`,
          priority: 'must',
        },
      ]
    : [
        {
          key: key('manage'),
          description: parent
            ? `${who} can add ${plural} to ${withArticle(parentLabel)}, see them on its page, and edit or delete ${entity.owned ? 'their own' : 'them'}.`
            : `${who} can create, view, edit and delete ${plural}${details}.`,
          priority: 'should',
        },
      ];
  if (core && parent && rel) {
    covers.push({
      key: `relationship:${rel.from}:${rel.to}`,
      description: `Each ${label} belongs to one ${parentLabel}; ${withArticle(parentLabel)}'s page lists its ${plural}.`,
      priority: scope.core.has(parent.name) ? 'must' : 'should',
    });
  }

  const criteria = [
    `A "New ${lower(entity.label)}" form${parent ? ` on ${withArticle(parentLabel)}'s page` : ''} ${shown.length > 0 ? `captures ${listing(shown.map(fieldLabel))}` : `creates ${withArticle(label)}`}; saving adds it to the list without a page reload.`,
    ...requiredCriterion(entity),
    ...attributeCriteria(entity).slice(0, 4),
    `The ${plural} list shows the ${listing(displayFields(entity))} of each ${label}, newest first, and an empty state that says how to add the first one.`,
    `Opening ${withArticle(label)} shows all its details; ${entity.owned ? 'its owner' : who.toLowerCase()} can edit it, and delete it after confirming.`,
    ...(entity.owned ? [`Only the ${label}'s owner can change or delete it: row level security refuses anyone else, whatever the interface shows.`] : []),
    ...(parent && rel ? [`Each ${label} belongs to one ${parentLabel}; deleting ${withArticle(parentLabel)} asks what happens to its ${plural} first.`] : []),
  ];

  // The creator's own capabilities on the entity that are more than create/view/edit/delete ride along.
  for (const role of creators) {
    role.capabilities.forEach((cap, index) => {
      if (cap.entity !== entity.name || cap.verb !== 'other' || isDeferred(scope, cap)) return;
      covers.push(capabilityRequirement(role, cap, index, core ? 'must' : 'should'));
      criteria.push(`${capitalize(withArticle(lower(role.label)))} can ${cap.text}, and the change shows without reloading.`);
    });
  }

  return {
    title: `${core ? 'Create and manage' : 'Add'} ${plural}`,
    as_a: lower(creators[0]?.label ?? scope.primary.label),
    i_want: core
      ? `to create, view, edit and delete ${entity.owned ? 'my ' : ''}${plural}`
      : parent
        ? `to add ${plural} to ${withArticle(parentLabel)}`
        : `to keep a list of ${plural}`,
    so_that: prose(entity.description)
      ? `${plural} (${lower(prose(entity.description))}) are kept in one place and up to date`
      : `${plural} are kept in one place and up to date`,
    acceptance_criteria: criteria,
    covers,
  };
}

function capabilityRequirement(role: RoleSpec, cap: CapabilitySpec, index: number, priority: Priority): DraftRequirement {
  return {
    key: `capability:${role.name}:${index}`,
    description: `${capitalize(withArticle(lower(role.label)))} can ${sentenceEnd(cap.text)}`,
    priority,
  };
}

/** A role acting on an entity it does not create (a customer browsing salons), or on none at all. */
function capabilityStory(scope: Scope, role: RoleSpec, cap: CapabilitySpec, index: number, entity: EntitySpec | undefined): DraftStory {
  const priority: Priority = entity && scope.core.has(entity.name) ? 'must' : 'should';
  const someone = capitalize(withArticle(lower(role.label)));
  const place = entity ? `the ${lower(entity.pluralLabel)} pages` : role.admin ? 'the admin area' : 'their dashboard';
  const outcome: Record<CapabilitySpec['verb'], string> = {
    view: `They see only the ${entity ? lower(entity.pluralLabel) : 'records'} their role may see and cannot change what they do not own.`,
    create: 'What they create is saved to their account and shown to them at once.',
    update: 'Their changes are saved and shown to everyone who can see the record, without a page reload.',
    delete: 'Deleting asks for confirmation and removes the record for everyone who could see it.',
    manage: 'Every change is saved and confirmed on screen, and can be undone by editing again.',
    other: 'The result is confirmed on screen and shown to the people it concerns without a page reload.',
  };
  return {
    title: capitalize(cap.text.replace(/\.$/, '')),
    as_a: lower(role.label),
    // Capabilities are phrased about the role ("see their orders"); the story speaks as the role.
    i_want: `to ${cap.text.replace(/\.$/, '').replace(/\btheir\b/g, 'my')}`,
    so_that: prose(role.description)
      ? `I get done what I come to ${scope.model.name} for (${lower(prose(role.description))})`
      : `I get done what I come to ${scope.model.name} for`,
    acceptance_criteria: [
      `${someone} can ${cap.text.replace(/\.$/, '')} from ${place}.`,
      outcome[cap.verb],
      `Roles other than ${lower(role.label)}${scope.roles.length > 1 ? '' : ' (none yet)'} do not see this action, and the database refuses it for them.`,
    ],
    covers: [capabilityRequirement(role, cap, index, priority)],
  };
}

/** A many-to-many link: people in a record (members of a project) or two entities tagged together. */
function linkStory(scope: Scope, rel: RelationshipSpec): DraftStory | undefined {
  const fromEntity = entityNamed(scope, rel.from);
  const toEntity = entityNamed(scope, rel.to);
  const person = roleNamed(scope, rel.to) ?? roleNamed(scope, rel.from);
  const entity = fromEntity ?? toEntity;
  if (!entity) return undefined;
  const creator = creatorsOf(scope, entity)[0] ?? scope.primary;
  const someone = withArticle(lower(creator.label));
  const label = lower(entity.label);
  const key = `relationship:${rel.from}:${rel.to}`;
  const store = rel.through ? ` (stored as ${words(rel.through).join(' ')} links)` : '';

  if (person && !(fromEntity && toEntity)) {
    const people = pluralLabel(person.label);
    return {
      title: `${capitalize(people)} of ${withArticle(label)}`,
      as_a: lower(creator.label),
      i_want: `to add ${people} to ${withArticle(label)}`,
      so_that: `the right ${people} see and work on each ${label}`,
      acceptance_criteria: [
        `From ${withArticle(label)}'s page, ${someone} picks ${people} to add, and can remove them again.`,
        `${capitalize(withArticle(lower(person.label)))} sees the ${lower(entity.pluralLabel)} they belong to on their dashboard.`,
        `Row level security uses the membership${store} to decide who sees ${withArticle(label)}'s data.`,
      ],
      covers: [
        {
          key,
          description: `${capitalize(someone)} can add ${people} to ${withArticle(label)}; ${people} see the ${lower(entity.pluralLabel)} they belong to.`,
          priority: 'should',
        },
      ],
    };
  }
  if (!fromEntity || !toEntity) return undefined;
  const many = lower(toEntity.pluralLabel);
  return {
    title: `Link ${many} to ${lower(fromEntity.pluralLabel)}`,
    as_a: lower(creator.label),
    i_want: `to link ${many} to ${withArticle(lower(fromEntity.label))}`,
    so_that: `related ${lower(fromEntity.pluralLabel)} and ${many} can be found from each other`,
    acceptance_criteria: [
      `On ${withArticle(lower(fromEntity.label))}'s form, ${someone} picks any number of ${many}, and can remove them again.`,
      `${capitalize(withArticle(lower(fromEntity.label)))}'s page lists its ${many}, and each ${lower(toEntity.label)} lists its ${lower(fromEntity.pluralLabel)}${store}.`,
      `The link is removed when either side is deleted.`,
    ],
    covers: [
      {
        key,
        description: `${capitalize(someone)} can link ${many} to ${withArticle(lower(fromEntity.label))}, and each side lists the other.`,
        priority: 'should',
      },
    ],
  };
}

function fieldLabel(attr: AttributeSpec): string {
  return `${lower(attr.label)}${attr.required ? ' (required)' : ''}`;
}

function requiredCriterion(entity: EntitySpec): string[] {
  const required = entity.attributes.filter((attr) => attr.required);
  if (required.length === 0) return [];
  return [`Saving without ${listing(required.map((attr) => lower(attr.label)), 'or')} shows a message next to the field and saves nothing.`];
}

/** Testable rules for the attribute kinds whose handling a user notices; attributes of one kind share a rule. */
function attributeCriteria(entity: EntitySpec): string[] {
  const label = lower(entity.label);
  const enums = entity.attributes.flatMap((attr) => {
    const values = (attr.enumValues ?? []).map((value) => attr.enumLabels?.[value] ?? words(value).join(' '));
    if (attr.kind !== 'enum' || values.length === 0) return [];
    return [`${capitalize(lower(attr.label))} is one of ${listing(values, 'or')}; a new ${label} starts as ${values[0]}.`];
  });
  const shared = KIND_RULES.flatMap(({ kinds, rule }) => {
    const names = entity.attributes.filter((attr) => kinds.includes(attr.kind)).map((attr) => lower(attr.label));
    // The verb agrees with its subject: several fields, or one field named by a plural ("dates are picked").
    const plural = names.length > 1 || isPluralWord(words(names[0] ?? '').pop() ?? '');
    return names.length > 0 ? [`${capitalize(listing(names))} ${rule(plural)}`] : [];
  });
  return [...enums, ...shared];
}

const KIND_RULES: Array<{ kinds: AttributeSpec['kind'][]; rule: (plural: boolean) => string }> = [
  { kinds: ['money'], rule: (p) => `${p ? 'are entered and shown as amounts' : 'is entered and shown as an amount'} with two decimals and the currency; negative amounts are refused.` },
  { kinds: ['date', 'datetime'], rule: (p) => `${p ? 'are' : 'is'} picked from a calendar and shown in the viewer's locale and time zone.` },
  { kinds: ['image', 'file'], rule: (p) => `${p ? 'accept' : 'accepts'} an upload (images: JPEG, PNG or WebP up to 5 MB) with a preview before saving.` },
  { kinds: ['rating'], rule: (p) => `${p ? 'are' : 'is'} a whole number from 1 to 5, shown as stars.` },
  { kinds: ['email'], rule: (p) => `${p ? 'must be valid email addresses' : 'must be a valid email address'}.` },
  { kinds: ['url'], rule: (p) => `${p ? 'must be' : 'must be a'} full web address${p ? 'es' : ''} starting with https://.` },
];

function displayFields(entity: EntitySpec): string[] {
  const preferred = entity.attributes.filter((attr) => ['text', 'enum', 'date', 'datetime', 'money', 'rating'].includes(attr.kind));
  const fields = (preferred.length > 0 ? preferred : entity.attributes).slice(0, 3).map((attr) => lower(attr.label));
  return fields.length > 0 ? fields : ['the name'];
}
