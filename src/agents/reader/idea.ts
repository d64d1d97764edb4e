import type { AccessRule, Context, ProductModelContract, SpecInput } from '../../contract/index.js';
import { isSqlReserved } from '../../contract/index.js';
import { unique } from '../english.js';
import type { AttributeSpec } from '../model.js';
import { capitalize, joinedName, pluralName, sentence as sentenceCase } from '../naming.js';
import { isOfficeRole, isStaffRole } from '../product.js';
import { makeAttribute } from './attributes.js';
import { CandidateTable, DEFERRING, isPersonWord, score, type Candidate } from './candidates.js';
import { readFields } from './fields.js';
import { RECURRING_PRICE, deferredIntegrations, readIntegrations } from './integrations.js';
import { acronymsOf, namesOf, spellAcronyms } from './acronyms.js';
import { KEEPING_VERBS, NOT_RECORDS, PART_HEADS, QUALITIES, RECORD_ACTS, SELF_SERVICE_PEOPLE } from './knowledge.js';
import { readsAsEnglish } from './language.js';
import { readConstraints, readNeeds } from './needs.js';
import { readOverview } from './overview.js';
import { readPeople, thingsNamedAsPeople } from './people.js';
import { RelationReader, type Link } from './relations.js';
import { readSight } from './sight.js';
import { parseSentences, type Phrase, type Sentence } from './syntax.js';
import { tokenize, type Token } from './tokens.js';

/**
 * The offline reader: an idea in, the contract's product model out. Noun phrases are candidate
 * tables weighed by what the idea does with them (candidates.ts); people are roles or records
 * (people.ts); attributes come from the idea's lists (fields.ts) and links from how it says
 * things hang together (relations.ts). What it had to assume, it says.
 */

/** The least evidence for a table (see candidates.ts for the weights). */
const KEEP = 2;
/** Evidence enough to be weighed again once links are known. */
const LIKELY = 0.8;
const SUMMARY_LIMIT = 280;
const ADMIN_WORDS = new Set(['admin', 'administrator', 'superuser', 'owner', 'operator']);
const GENERIC_PEOPLE = new Set(['user', 'person', 'people', 'everyone', 'anyone', 'someone', 'individual', 'ppl', 'friend', 'one', 'human', 'nobody', 'somebody', 'everybody', 'man', 'woman', 'men', 'women', 'guy', 'folk']);
/** Records whose substance is what a person wrote: their text is the body. */
const BODY_HEADS = new Set(['review', 'comment', 'message', 'reply', 'note', 'feedback', 'answer', 'post']);
/** Names a record gets when the idea gives it nothing to be shown by. */
const TITLE_HEADS = new Set(['task', 'event', 'post', 'article', 'ticket', 'issue', 'job', 'listing', 'course', 'lesson', 'episode', 'show', 'proposal', 'project', 'recipe', 'meeting', 'question', 'book', 'request', 'order', 'story', 'page', 'quiz', 'video', 'note', 'message', 'review', 'report', 'campaign', 'deal', 'work_order']);

export function readIdeaModel(input: SpecInput & { context?: Context | undefined }): ProductModelContract {
  const text = [input.spec, input.description].map((t) => t?.trim() ?? '').filter(Boolean).join('\n\n');
  const tokenized = text ? tokenize(text) : [];
  const tokens = tokenized.flat();
  const english = readsAsEnglish(text, tokens);
  const sentenceTexts = tokenized.map(textOf);
  const overview = readOverview(tokenized[0] ?? []);
  const assumptions: string[] = [];
  const productWords = new Set([input.product_name, overview.statedName, overview.productNoun].filter((n): n is string => !!n).map((n) => n.toLowerCase()));
  const name = input.product_name?.trim() || overview.statedName || derivedName(overview);

  let entities: ProductModelContract['entities'] = [];
  let roles: ProductModelContract['roles'] = [];
  let relationships: ProductModelContract['relationships'] = [];
  let access: AccessRule[] = [];
  let features: NonNullable<ProductModelContract['features']> = [];
  let staffOnly = false;
  if (english) {
    const sentences = parseSentences(tokenized);
    const table = new CandidateTable(sentences, productWords);
    const candidates = table.read();
    for (const thing of thingsNamedAsPeople(sentences, candidates)) thing.person = false;
    assumptions.push(...table.archetypes);
    const candidateOf = (phrase: Phrase) => table.candidateOf(phrase);
    const people = readPeople(sentences, candidates, candidateOf);
    staffOnly = people.staffOnly;
    assumptions.push(...unique(people.notes));
    // Recurring prices ("€4.99 a month") are plans people subscribe to.
    if (sentenceTexts.some((t) => RECURRING_PRICE.test(t)) && !candidates.some((c) => c.key === 'subscription' || c.key.endsWith('_subscription'))) {
      const subscription = table.ensure('subscription', 'subscription', ['subscription'], Number.MAX_SAFE_INTEGER);
      subscription.evidence.push({ weight: 2.5, why: 'the idea prices a plan per month or year' });
      candidates.push(subscription);
    }
    const roleCandidates = people.roles.filter((c) => !GENERIC_PEOPLE.has(c.key) && !productWords.has(c.key));
    // People who are both a role and a record are the role's record only under the role's own name ("licensed therapists" sign in as therapist).
    const peopleRecords = people.records.filter((c) => !roleCandidates.includes(c) || roleOf(c, new Set()).name === safeName(namedByUse(c)));
    // A thing the idea ties to a record ("one of its time slots", "each vehicle has service intervals") is likelier kept.
    const likely = candidates.filter((c) => !c.person && score(c) >= LIKELY);
    const firmly = new Set([...candidates.filter((c) => !c.person && score(c) >= KEEP), ...peopleRecords].map((c) => c.key));
    const provisional = new RelationReader(sentences, new Set([...likely.map((c) => c.key), ...peopleRecords.map((c) => c.key), ...roleCandidates.map((c) => c.key)]), candidateOf).read(candidates, likely.filter((c) => c.acts.length > 0));
    for (const link of provisional) {
      for (const [end, other] of [[link.from, link.to], [link.to, link.from]] as const) {
        const candidate = candidates.find((c) => c.key === end);
        if (candidate && !firmly.has(end) && (firmly.has(other) || roleCandidates.some((r) => r.key === other))) candidate.evidence.push({ weight: 0.8, why: `tied to ${other}` });
      }
    }
    const records = [...candidates.filter((c) => !c.person && score(c) >= KEEP), ...peopleRecords].sort((a, b) => score(b) - score(a) || a.first - b.first);
    const keptKeys = new Set(records.map((c) => c.key));
    const fields = readFields(sentences, keptKeys, candidateOf);
    const parties = new Set([...keptKeys, ...roleCandidates.map((c) => c.key)]);
    const links = new RelationReader(sentences, parties, candidateOf).read(candidates, records.filter((c) => c.acts.length > 0), true, new Set(peopleRecords.map((c) => c.key)));
    // Roles are named by their nouns ("team members" → member); everything that names a candidate maps to that name.
    const roleName = new Map(roleCandidates.map((c) => [c.key, roleOf(c, keptKeys).name]));
    for (const link of links) {
      link.from = roleName.get(link.from) ?? link.from;
      link.to = roleName.get(link.to) ?? link.to;
    }
    const named = (key: string | undefined) => (key ? (roleName.get(key) ?? key) : undefined);
    roles = unique(roleCandidates.map((c) => roleOf(c, keptKeys, sentences)), (r) => r.name);
    const roleNames = new Set(roles.map((r) => r.name));
    const recordName = new Map(records.map((c) => [c.key, safeName(namedByUse(c))]));
    for (const link of links) {
      link.from = recordName.get(link.from) ?? link.from;
      link.to = recordName.get(link.to) ?? link.to;
      if (link.through) link.through = recordName.get(link.through) ?? link.through;
    }
    entities = records.map((c) => entityOf(c, fields.get(c.key) ?? [], assumptions, recordName.get(c.key)!));
    const renamed = nameParts(entities, links);
    relationships = relationshipsOf(links, new Set(entities.map((e) => e.name)), roleNames);

    const entityOfKey = (key: string) => {
      const name = recordName.get(key) ?? safeName(key);
      return renamed.get(name) ?? name;
    };
    const candidateNamed = (p: Phrase): Candidate | undefined => {
      const c = candidateOf(p);
      return c && roleName.has(c.key) ? { ...c, key: named(c.key)! } : c;
    };
    access = accessOf(sentences, records, candidateNamed, roleNames, new Set(roles.filter((r) => r.privileged).map((r) => r.name))).map((rule) => ({ ...rule, entity: entityOfKey(rule.entity) }));
    features = featuresOf(sentences, candidateNamed, roleNames, new Set(entities.map((e) => e.name)), entityOfKey);
  } else {
    assumptions.push('The description could not be read as English, so the model is generic: one kind of user keeping one kind of record. Describe the product in English for a tailored result.');
  }
  // The narrator signs in too: "I own a hair salon", "I'm a self-employed tutor", "I'm the music director".
  const narrator = english ? narratorRole(sentenceTexts) : undefined;
  if (narrator && !roles.some((r) => r.name === narrator.name || r.name.endsWith(`_${narrator.name}`))) {
    roles.unshift(narrator);
    assumptions.push(`The person describing the idea signs in as ${narrator.label ?? narrator.name} and runs the product`);
  }
  // "Our tool library needs ...", "We're a museum": an organisation speaks, and someone of it runs the
  // product: grants the roles of power, keeps what no one else keeps. Without a role of power (office staff
  // keep records for everyone but give no roles), it is an admin. So it is when one person speaks of the
  // people they work with without saying who they are ("I co-host listings for owners ... my cleaners").
  const opening = sentenceTexts.slice(0, 3);
  const organisation = opening.some((t) => /\b(?:we|our|us)\b/i.test(t));
  const speaker = organisation || (!narrator && opening.some((t) => /\b(?:i|my)\b/i.test(t)));
  if (english && roles.length > 0 && !roles.some((r) => r.privileged && !isOfficeRole(r.name)) && speaker) {
    const who = organisation ? 'the organisation describing it' : 'the person describing it';
    roles.push({ name: 'admin', label: 'Admin', description: `Runs the product for ${who}, and gives people their roles`, privileged: true, self_signup: false });
    assumptions.push(`${organisation ? 'The organisation' : 'The person'} describing the idea runs the product through an admin role, which gives people their roles of power`);
  }
  // "an app that only the IT team logs into": the organisation's own staff run it.
  if (roles.length === 0 && staffOnly) {
    roles.push({ name: 'admin', label: 'Admin', description: 'Staff of the organisation describing the idea, the only people who sign in', privileged: true, self_signup: false });
    assumptions.push('Only the organisation’s own team signs in, so they are admins of the product');
  }
  if (roles.length === 0) {
    assumptions.push('The spec names no kinds of users, so everyone who signs in is a "user" with the same rights');
    roles.push({ name: 'user', label: 'User', description: 'Signs in and keeps their own records', privileged: false, self_signup: true });
  }
  if (entities.length === 0) {
    // "a todo app": the product's own name says what it keeps when nothing else does.
    const kept = english ? keptByName(tokenized[0] ?? [], overview.productNoun) : undefined;
    const name = kept ?? 'item';
    entities.push({ name, description: kept ? `${sentenceCase(name)} records` : 'Generic items kept by each user', owned_by: 'creator', attributes: [{ name: 'name', type: 'text', required: true }, { name: 'description', type: 'long_text' }] });
    assumptions.push(kept ? `No records were described clearly; "${name}" is what the product is named after, kept by each user` : 'No records were described, so the product keeps generic items with a name and a description');
  }
  const integrations = english ? readIntegrations(sentenceTexts) : [];
  // A service the idea puts off ("no online payment for now") is a deferred feature, never a planned integration.
  for (const text of english ? deferredIntegrations(sentenceTexts) : []) {
    if (!features.some((f) => f.text === text)) features.push({ text, priority: 'wont' });
  }
  const needs = english ? readNeeds(sentenceTexts).filter((n) => n.source === 'stated') : [];
  const firstSentence = sentenceTexts[0] ?? '';
  const model: ProductModelContract = {
    name,
    summary: english && firstSentence ? clip(firstSentence) : `${name}: a product whose description could not be read as English`,
    ...((english ? overview.domain : null) ?? input.context?.industry ? { domain: ((english ? overview.domain : null) ?? input.context?.industry)! } : {}),
    ...(english && overview.segment ? { audience: [overview.segment] } : {}),
    roles,
    entities,
    relationships,
    access,
    features,
    integrations: integrations.map((i) => ({ kind: i.kind, ...(i.stated ? { provider: i.provider } : {}) })),
    constraints: english ? readConstraints(sentenceTexts) : [],
    needs: needs.map(({ category, text }) => ({ category, text })),
    assumptions: unique(assumptions),
  };
  spellAcronyms(model, acronymsOf(tokens), english ? namesOf(tokenized) : new Map());
  return consistent(model);
}

/** Names the generated schema already has: a reading that lands on one takes a name of its own. */
const BUILT_IN: Record<string, string> = { role: 'team_role', user_role: 'team_role', profile: 'person_profile', user: 'member_record' };

/**
 * The reading as the contract checks it: built-in names renamed, one entity per name, and every
 * relationship, access rule and feature naming only what the model has. The offline reader must
 * never hand the agents a model the contract would refuse.
 */
function consistent(model: ProductModelContract): ProductModelContract {
  const rename = (name: string) => BUILT_IN[name] ?? name;
  const seen = new Set<string>();
  const roles = new Set(model.roles.map((r) => r.name));
  model.entities = model.entities
    .map((e) => ({ ...e, name: rename(e.name) }))
    // An entity named as a role is that role's record (CONTRACT 2a): both stay.
    .filter((e) => !seen.has(e.name) && seen.add(e.name));
  const entities = new Set(model.entities.map((e) => e.name));
  const party = (name: string) => entities.has(name) || roles.has(name);
  model.relationships = model.relationships
    .map((r) => ({ ...r, from: rename(r.from), to: rename(r.to), ...(r.through ? { through: rename(r.through) } : {}) }))
    .filter((r) => party(r.from) && party(r.to) && (r.from !== r.to || (roles.has(r.from) && !!r.through && entities.has(r.through))) && !(r.through && roles.has(r.through)));
  model.access = model.access.map((a) => ({ ...a, entity: rename(a.entity) })).filter((a) => roles.has(a.role) && entities.has(a.entity));
  model.features = (model.features ?? []).map((f) => ({
    ...f,
    ...(f.roles ? { roles: f.roles.filter((r) => roles.has(r)) } : {}),
    ...(f.entities ? { entities: f.entities.map(rename).filter((e) => entities.has(e)) } : {}),
  }));
  for (const entity of model.entities) {
    if (entity.owned_by && entity.owned_by !== 'creator' && !roles.has(entity.owned_by)) entity.owned_by = 'creator';
  }
  return model;
}

/** The role of the person telling the idea, when they say who they are or what they run. */
function narratorRole(sentences: string[]): ProductModelContract['roles'][number] | undefined {
  // "I (owner) edit menus", "we (admins) approve them": the speaker names their role in passing, wherever they do.
  for (const text of sentences) {
    const named = /\b(?:i|we)\s*\(\s*(?:the\s+|an?\s+)?([a-z]+)\s*\)/i.exec(text)?.[1]!.toLowerCase();
    const head = named && [named.replace(/s$/, ''), named].find(isPersonWord);
    if (head) return speakerRole(head);
  }
  for (const text of sentences.slice(0, 3)) {
    const owns =
      /\b(?:i|we)\s+(?:own|run|manage|have)\s+(?:a|an|the|my|our)\s+(?:[\w-]+\s+){0,3}?(?:salon|shop|studio|bakery|clinic|practice|restaurant|bar|cafe|café|gym|business|company|store|agency|boutique|hotel|farm|garage|school|firm)\b/i.exec(text) ??
      /\bmy\s+(?:[\w-]+\s+){0,2}?(?:salon|shop|studio|bakery|clinic|practice|restaurant|bar|cafe|café|gym|store|boutique|hotel|farm|garage)\b/i.exec(text);
    if (owns) return { name: 'owner', label: 'Owner', description: 'Runs the business and the product', privileged: true, self_signup: false };
    // "I'm a self-employed maths and physics tutor with ...": the last person word before the description goes on.
    const is = /\b(?:i'?m|i am|we'?re|we are)\s+(?:a|an|the)\s+([a-z -]+?)(?=[,.;:(]|\s+(?:with|who|that|at|in|for|of|and i|and we|from)\b|$)/i.exec(text);
    if (is) {
      const head = is[1]!.toLowerCase().split(/\s+/).reverse().find((w) => /^[a-z]+$/.test(w) && isPersonWord(w)) ?? '';
      if (!head || /^(person|one|user|people|team)$/.test(head)) continue;
      return speakerRole(head);
    }
  }
  return undefined;
}

/** The role of the person describing the idea, named by what they are. */
function speakerRole(head: string): ProductModelContract['roles'][number] {
  const privileged = /^(owner|manager|director|admin|administrator|head|lead|coordinator|founder)$/.test(head);
  return { name: head, label: sentenceCase(head), description: 'The person describing the idea', privileged, self_signup: !privileged };
}

/** The noun a product is named after ("a todo app" → todo), when it is no product word itself. */
function keptByName(first: Token[], productNoun: string | null): string | undefined {
  const at = first.findIndex((t) => t.norm === productNoun?.toLowerCase() || t.lemma === productNoun?.toLowerCase());
  const modifier = at > 0 ? first[at - 1] : undefined;
  if (!modifier || !/^[a-z]{3,}$/.test(modifier.lemma) || modifier.tags.has('Determiner') || modifier.tags.has('Adjective') || NOT_RECORDS.has(modifier.lemma)) return undefined;
  return modifier.lemma;
}

/** Words for the group a person is in: "team members" are members. */
const GROUP_WORDS = new Set(['team', 'group', 'crew', 'squad', 'club']);
/** People named by what they are members of: "project members", "cohort participants". */
const MEMBER_WORDS = new Set(['member', 'participant', 'attendee', 'collaborator', 'contributor']);

function roleOf(c: Candidate, entities: ReadonlySet<string>, sentences: readonly Sentence[] = []): ProductModelContract['roles'][number] {
  // "independent writers", "on-call quality person": a role is named by its nouns.
  const adjectives = new Set(c.phrases.flatMap((p) => p.words.slice(0, -1).filter((t) => t.tags.has('Adjective') && !t.tags.has('Noun')).map((t) => t.norm)));
  // "project members" are members of projects: a record or a group named before a person is where they belong, not who they are.
  const member = MEMBER_WORDS.has(c.head);
  const nouns = c.key.split('_').filter((word, i, all) => i === all.length - 1 || (!adjectives.has(word) && !QUALITIES.has(word) && !GROUP_WORDS.has(word) && !(member && entities.has(word))));
  const name = safeName(nouns.join('_'));
  // "admin", "owner": power over the whole product; a "salon owner" owns their own salon, not everyone's.
  const privileged = (nouns.length === 1 && ADMIN_WORDS.has(name) && !ownsTheirOwn(c, sentences)) || nouns.some((w) => w === 'admin' || w === 'administrator') || isStaffRole(name);
  // Customers and members pick their role at sign-up; staff (vets, receptionists) are appointed.
  return { name, label: sentenceCase(nouns.join(' ')), privileged, self_signup: !privileged && SELF_SERVICE_PEOPLE.has(c.head) };
}

/**
 * "Owners see their pets' visits", "owners list their boats": people who act on things of their own
 * are the owners of those things, not of the business.
 */
function ownsTheirOwn(c: Candidate, sentences: readonly Sentence[]): boolean {
  return c.phrases.some((p) => p.role === 'subject' && sentences[p.sentence]?.phrases.some((o) => o.subject === p && o.det.some((d) => d === 'their' || d === 'own')));
}

function safeName(key: string): string {
  return key.replace(/[^a-z0-9_]/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '').slice(0, 40);
}

/** What a generic word names by what people do with it: items posted or listed for sale are listings. */
function namedByUse(c: Candidate): string {
  if (GENERIC_THINGS.has(c.key) && c.phrases.some((p) => p.verb && /^(post|list|sell|offer)$/.test(p.verb.lemma) && p.role === 'object')) return 'listing';
  return c.key;
}
const GENERIC_THINGS = new Set(['item', 'thing', 'stuff', 'piece']);

function entityOf(c: Candidate, attributes: AttributeSpec[], assumptions: string[], name: string): ProductModelContract['entities'][number] {
  const list = attributes.filter((a) => !['id', 'created_at', 'updated_at'].includes(a.name) && !isSqlReserved(a.name));
  if (BODY_HEADS.has(c.head) && !list.some((a) => a.kind === 'long_text')) list.unshift({ ...makeAttribute('body', 'long_text'), required: true });
  if (!list.some((a) => ['name', 'title', 'label', 'subject', 'full_name', 'display_name', 'body', 'prompt'].includes(a.name))) {
    const display = c.person ? 'name' : TITLE_HEADS.has(c.head) || TITLE_HEADS.has(name) ? 'title' : 'name';
    list.unshift(makeAttribute(display, 'text'));
    if (attributes.length === 0) assumptions.push(`${sentenceCase(name)} gets ${display === 'title' ? 'a title' : 'a name'} to show it by (the idea names no attributes for it)`);
  }
  return {
    name,
    label: sentenceCase(c.words.join(' ').replace(/_/g, ' ')),
    description: describe(c),
    ...(c.person ? {} : { owned_by: 'creator' }),
    attributes: list.map((a) => ({
      name: a.name,
      type: a.kind,
      ...(a.required ? { required: true } : {}),
      ...(a.unique ? { unique: true } : {}),
      ...(a.kind === 'enum' && a.enumValues?.length ? { values: a.enumValues } : {}),
      ...(a.kind === 'enum' && a.enumLabels ? { value_labels: a.enumLabels } : {}),
    })),
  };
}

function describe(c: Candidate): string {
  const label = sentenceCase(c.words.join(' '));
  if (c.person) return `${pluralName(label)} the product keeps records of (they do not sign in)`;
  const act = c.acts[0];
  if (act) return `${label}: made when people ${act.verb}`;
  return `${label} records`;
}

/** "An invoice has several lines": the lines are invoice lines, named with their whole. */
function nameParts(entities: ProductModelContract['entities'], links: Link[]): Map<string, string> {
  const renamed = new Map<string, string>();
  for (const entity of entities) {
    if (!PART_HEADS.has(entity.name)) continue;
    const parents = links.filter((l) => l.to === entity.name && l.kind === 'one-to-many' && entities.some((e) => e.name === l.from));
    if (parents.length !== 1) continue;
    const name = joinedName(parents[0]!.from, entity.name);
    if (entities.some((e) => e.name === name)) continue;
    for (const link of links) {
      if (link.from === entity.name) link.from = name;
      if (link.to === entity.name) link.to = name;
    }
    renamed.set(entity.name, name);
    entity.name = name;
    entity.label = sentenceCase(name);
  }
  return renamed;
}

function relationshipsOf(links: Link[], entities: Set<string>, roles: Set<string>): ProductModelContract['relationships'] {
  const known = (name: string) => entities.has(name) || roles.has(name);
  const out: ProductModelContract['relationships'] = [];
  for (const link of links) {
    const from = safeName(link.from);
    const to = safeName(link.to);
    if (!known(from) || !known(to)) continue;
    // "members follow other members": people joined to people of their own kind through the record that joins them.
    if (from === to) {
      if (link.kind === 'many-to-many' && roles.has(from) && link.through && entities.has(safeName(link.through))) out.push({ from, to, kind: 'many-to-many', through: safeName(link.through), ...(link.as ? { as: link.as } : {}) });
      continue;
    }
    if (link.kind === 'many-to-many') {
      if (entities.has(from) && entities.has(to)) out.push({ from, to, kind: 'many-to-many', through: safeName(joinedName(from, to)) });
      else {
        // People of a record: the record first ("club_members"), the role second.
        const [entity, role] = entities.has(from) ? [from, to] : [to, from];
        // ... unless the idea says the person has the record ("which volunteer has which skill": volunteer_skill).
        out.push({ from: entity, to: role, kind: 'many-to-many', through: safeName(link.named === 'from-to' ? joinedName(from, to) : joinedName(entity, role)) });
      }
    } else out.push({ from, to, kind: 'one-to-many', ...(link.as && roles.has(from) ? { as: link.as } : {}) });
  }
  return out;
}

/**
 * Who makes what, and who sees what, as the idea says it: the people who keep a record create their
 * own; "plumbers only see their own jobs" (sight.ts). Changing rows and the power of privileged
 * roles are the architect's defaults, and so is reading where the idea says nothing of it.
 */
function accessOf(sentences: Sentence[], records: Candidate[], candidateOf: (p: Phrase) => Candidate | undefined, roles: Set<string>, privileged: Set<string>): AccessRule[] {
  const rules: AccessRule[] = [];
  const add = (role: string, entity: string) => {
    if (privileged.has(role)) return;
    if (!rules.some((r) => r.role === role && r.entity === entity)) rules.push({ role, entity, actions: ['create'], scope: 'own' });
  };
  const kept = new Set(records.map((c) => c.key));
  for (const sentence of sentences) {
    for (const phrase of sentence.phrases) {
      const key = candidateOf(phrase)?.key;
      const role = phrase.subject && candidateOf(phrase.subject)?.key;
      if (!key || !role || !kept.has(key) || !roles.has(role) || !phrase.verb || phrase.negated) continue;
      if (phrase.role === 'object' && KEEPING_VERBS.has(phrase.verb.lemma)) add(role, safeName(key));
    }
  }
  for (const record of records) {
    for (const act of record.acts) {
      const role = act.subject && candidateOf(act.subject)?.key;
      if (role && roles.has(role) && RECORD_ACTS[act.verb]) add(role, safeName(record.key));
    }
  }
  const seen = readSight({ sentences, candidateOf, kept, roles, privileged });
  return [...rules, ...seen.map((rule) => ({ ...rule, entity: safeName(rule.entity) }))];
}

/** What people do, in plain words: "claim tickets", "book walkers". */
function featuresOf(
  sentences: Sentence[],
  candidateOf: (p: Phrase) => Candidate | undefined,
  roles: Set<string>,
  entities: Set<string>,
  entityOfKey: (key: string) => string,
): NonNullable<ProductModelContract['features']> {
  const features: NonNullable<ProductModelContract['features']> = [];
  for (const sentence of sentences) {
    for (const phrase of sentence.phrases) {
      if (phrase.role !== 'object' || !phrase.verb || phrase.negated) continue;
      const role = phrase.subject && candidateOf(phrase.subject)?.key;
      if (!role || !roles.has(role)) continue;
      const found = candidateOf(phrase)?.key;
      const key = found ? entityOfKey(found) : undefined;
      const object = key && entities.has(key) ? pluralName(key).replace(/_/g, ' ') : phrase.words.map((t) => t.norm).join(' ');
      if (!/^[a-z][a-z -]*$/.test(object) || object.length > 60) continue;
      // "the parents are the ones who pay": a copula says who someone is, not what they do; only a screen
      // ("the main screen is a floor plan") is something to build, and "ones" or "it" names nothing.
      const copula = phrase.verb.lemma === 'be' || phrase.verb.tags.has('Copula') || BE_FORMS.has(phrase.verb.norm);
      if ((copula && !isView(phrase)) || STAND_INS.has(object.replace(/^(?:the|a|an) /, ''))) continue;
      // A screen keeps what it shows: "a floor plan of the tables", "a dashboard with revenue per month".
      const shown = isView(phrase) ? viewDetails(sentence, phrase) : [];
      const text = [phrase.verb.lemma === 'be' ? object : `${phrase.verb.lemma} ${object}`, ...shown.map((p) => `${p.prep} ${p.words.map((t) => t.norm).join(' ')}`)].join(' ');
      const existing = features.find((f) => f.text === text);
      if (existing) {
        if (!existing.roles!.includes(role)) existing.roles!.push(role);
        continue;
      }
      const of = shown.map((p) => candidateOf(p)?.key).map((k) => (k ? entityOfKey(k) : undefined)).find((k): k is string => !!k && entities.has(k));
      const entity = key && entities.has(key) ? key : of;
      features.push({ text, roles: [role], ...(entity ? { entities: [entity] } : {}), ...(DEFERRING.test(sentence.text) ? { priority: 'wont' as const } : {}) });
    }
    // Screens and ways of working the idea names: "a GitHub-style heatmap", "a floor plan", "drag and drop".
    for (const phrase of sentence.phrases) {
      const head = phrase.head.lemma;
      if (!VIEW_WORDS.has(head) && !VIEW_WORDS.has(phrase.words.map((t) => t.norm).join(' '))) continue;
      const words = phrase.words.map((t) => t.norm).filter((w) => /^[a-z][a-z-]*$/.test(w) && !UNITS.has(w));
      if (words.length === 0 || words.length > 6) continue;
      const text = words.join(' ');
      const same = features.findIndex((f) => ` ${f.text} `.includes(` ${text} `) || text.endsWith(f.text));
      if (same >= 0) {
        if (text.length > features[same]!.text.length && !features[same]!.roles) features[same]!.text = text;
        continue;
      }
      const near = sentence.phrases.map((p) => candidateOf(p)?.key).map((k) => (k ? entityOfKey(k) : undefined)).find((k): k is string => !!k && entities.has(k));
      features.push({ text, ...(near ? { entities: [near] } : {}), ...(DEFERRING.test(sentence.text) ? { priority: 'wont' as const } : {}) });
    }
    if (/\bdrag(?:ging)?\s+(?:and|&|n)\s+drop/i.test(sentence.text) && !features.some((f) => f.text === 'drag and drop')) features.push({ text: 'drag and drop' });
  }
  return features.slice(0, 60);
}

function isView(phrase: Phrase): boolean {
  return VIEW_WORDS.has(phrase.head.lemma) || VIEW_WORDS.has(phrase.words.map((t) => t.norm).join(' '));
}

/** The phrases right after a screen's name that say what it shows: "of the tables", "with revenue", "per month". */
function viewDetails(sentence: Sentence, view: Phrase): Phrase[] {
  const details: Phrase[] = [];
  let end = view.end;
  for (const phrase of sentence.phrases) {
    if (phrase.start < end) continue;
    // Only phrases that follow at once (a word or two between, "of the"), of the same clause.
    if (phrase.role !== 'prep' || !VIEW_PREPOSITIONS.has(phrase.prep ?? '') || phrase.verb !== view.verb || phrase.start - end > 2) break;
    const words = phrase.words.map((t) => t.norm);
    if (words.length === 0 || words.length > 4 || !words.every((w) => /^[a-z][a-z-]*$/.test(w))) break;
    details.push(phrase);
    end = phrase.end;
  }
  return details.slice(0, 3);
}

const VIEW_PREPOSITIONS = new Set(['of', 'with', 'per', 'by', 'for']);

const BE_FORMS = new Set(['be', 'is', 'are', 'was', 'were', 'been', 'being', 'am']);

/** Words that stand in for a thing named elsewhere: never a feature's object on their own. */
const STAND_INS = new Set(['one', 'ones', 'it', 'them', 'this', 'that', 'these', 'those', 'thing', 'things', 'stuff', 'something', 'everything', 'anything', 'nothing', 'nobody', 'anyone', 'everyone', 'someone']);

/** Units of measure that qualify nothing a person would name ("16px cards"). */
const UNITS = new Set(['px', 'em', 'rem', 'pt', 'ms', 'kb', 'mb', 'gb']);

/** What people see and do on screen rather than records: each one the documents must carry. */
const VIEW_WORDS = new Set([
  'heatmap', 'floor plan', 'calendar', 'calendar view', 'day view', 'week view', 'board', 'kanban', 'kanban board', 'map', 'dashboard', 'chart',
  'graph', 'timeline', 'leaderboard', 'progress bar', 'streak', 'confetti', 'dark mode', 'light mode', 'grid', 'feed', 'carousel',
  'gallery', 'report', 'statement', 'export', 'pdf', 'qr', 'qr code', 'barcode', 'sticker', 'label', 'receipt', 'notification',
  'reminder', 'alert', 'widget', 'tile', 'card', 'toggle', 'filter', 'search', 'pwa', 'offline mode', 'shortcut', 'view',
]);

function textOf(sentence: Token[]): string {
  return sentence.map((t) => t.pre + t.text + t.post).join('').trim();
}

function clip(text: string): string {
  return text.length <= SUMMARY_LIMIT ? text : `${text.slice(0, SUMMARY_LIMIT - 1).replace(/\s+\S*$/, '')}…`;
}

function derivedName(overview: ReturnType<typeof readOverview>): string {
  if (overview.productNoun) {
    if (!overview.domain) return capitalize(overview.productNoun);
    if (overview.domain === overview.productNoun) return overview.domain;
    return capitalize(`${overview.domain} ${overview.productNoun}`);
  }
  return overview.title ?? 'Untitled product';
}

