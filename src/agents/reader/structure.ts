import { withArticle } from '../english.js';
import { capitalize, pluralName, sentence, singularWord, snake } from '../naming.js';
import { DISPLAY_NAMES, attributeFromItem, attributeKind, makeAttribute } from './attributes.js';
import { isPerson, type Clause, type Item, type VerbGroup } from './clauses.js';
import type { AttributeSpec, CapabilitySpec, EntitySpec, RelationshipSpec, RoleSpec } from '../model.js';
import type { Token } from './tokens.js';
import { isSupervisorRole } from '../product.js';
import {
  ADMIN_WORDS, BODY_RECORDS, CAPABILITY_VERBS, CLASSIFIERS, CREATE_VERBS, GENERIC_PEOPLE, GROUP_MODIFIERS, HAS_VERBS, NOT_ENTITIES, PART_VERBS, PRODUCT_NOUNS, VERB_RECORDS,
} from './vocabulary.js';

/**
 * Who uses the product, what they keep in it, and how those things hang together, from the
 * parsed clauses. Each clause pattern below is one way specs say it ("each project has many
 * tasks", "each deal belongs to a company", "members can comment on tasks").
 */
export interface Structure {
  roles: RoleSpec[];
  entities: EntitySpec[];
  relationships: RelationshipSpec[];
  assumptions: string[];
}

interface EntityDraft {
  name: string;
  first: number;
  attributes: Map<string, AttributeSpec>;
  /** Roles (by head word) that create rows. */
  createdBy: Set<string>;
  /** Whether something in the spec says it is a thing people keep, not just a word in passing. */
  strong: boolean;
}

interface RoleDraft {
  head: string;
  name: string;
  first: number;
  capabilities: CapabilitySpec[];
  admin: boolean;
  acts: boolean;
  /** Makes records, not just receives things: keeps a generic "user" role next to named ones. */
  creates: boolean;
}

interface Link {
  from: string;
  to: string;
  kind: RelationshipSpec['kind'];
  phrase: string;
  /** "many" for a stated "many"/"list of" on the child side, used to spot many-to-many pairs. */
  many: boolean;
}

/** One verb group being read, with what the patterns below share. */
interface Reading {
  group: VerbGroup;
  /** The groups before it in the clause ("Sellers open a shop and list products"). */
  earlier: VerbGroup[];
  subject: Item | undefined;
  actor: RoleDraft | undefined;
  subjectEntity: string | null;
  creates: boolean;
  phrase: string;
}

/** Verbs that say a person works for a place ("stylists work at a salon"). */
const WORK_VERBS = new Set(['work', 'belong', 'teach', 'practice', 'practise', 'serve']);
const ATTACH_PREPS = new Set(['against', 'on', 'for', 'to', 'in']);
const CONTAINER_VERBS = new Set(['open', 'create', 'start', 'set', 'register', 'run']);
const CHOICE_VERBS = new Set(['pick', 'choose', 'select']);
const SEARCH_VERBS = new Set(['search', 'browse', 'filter', 'sort', 'find', 'group', 'organize', 'organise']);
const TITLE_HEADS = new Set([
  'article', 'post', 'task', 'quiz', 'event', 'appointment', 'booking', 'order', 'review', 'ticket', 'issue', 'note',
  'lesson', 'course', 'story', 'page', 'message', 'activity', 'visit', 'session', 'class', 'project', 'deal', 'question',
  'episode', 'video', 'recipe', 'job', 'listing', 'request', 'report', 'record', 'movement', 'line', 'item', 'entry',
]);

export class StructureReader {
  private readonly entities = new Map<string, EntityDraft>();
  private readonly roles = new Map<string, RoleDraft>();
  private readonly links: Link[] = [];
  private readonly assumptions: string[] = [];
  /** Nouns not in any people list that act like people: "Cooks post recipes". */
  private readonly actors = new Set<string>();

  constructor(
    private readonly clauses: Clause[],
    private readonly tokens: Token[],
    private readonly productWords: ReadonlySet<string>,
  ) {}

  read(): Structure {
    this.findActors();
    for (const clause of this.clauses) for (const group of clause.groups) this.readRoles(group);
    for (const clause of this.clauses) {
      clause.groups.forEach((group, k) => this.readGroup(group, clause.groups.slice(0, k), clause.text));
    }
    return this.assemble();
  }

  // ------------------------------------------------------------------ roles

  private findActors(): void {
    for (const clause of this.clauses) {
      for (const group of clause.groups) {
        const head = group.subjects[0] && headOf(group.subjects[0]);
        if (!head || group.passive || HAS_VERBS.has(group.verb) || !CREATE_VERBS.has(group.verb) || group.objects.length === 0) continue;
        if (!(head.tags.has('Plural') || (head.norm !== head.lemma && head.norm.endsWith('s'))) || NOT_ENTITIES.has(head.lemma) || this.productWords.has(head.lemma) || !/^[a-z]+$/.test(head.lemma)) continue;
        this.actors.add(head.lemma);
      }
    }
  }

  private person(t: Token): boolean {
    return isPerson(t) || this.actors.has(t.lemma);
  }

  private readRoles(group: VerbGroup): void {
    const acting = !HAS_VERBS.has(group.verb) && group.verb !== 'be' && !group.passive;
    for (const subject of group.subjects) {
      const head = headOf(subject);
      if (!head || !this.person(head)) continue;
      const role = this.role(subject);
      if (acting) role.acts = true;
      if (acting && (CREATE_VERBS.has(group.verb) || VERB_RECORDS[group.verb])) role.creates = true;
      if (group.verb === 'moderate' || ((group.verb === 'manage' || group.verb === 'administer') && group.objects.some((o) => this.productWords.has(headOf(o)?.lemma ?? '') || PRODUCT_NOUNS.has(headOf(o)?.lemma ?? '')))) role.admin = true;
    }
    // "book visits with veterinarians": the people a record is made with use the product too.
    for (const phrase of group.preps) {
      if (phrase.prep !== 'with' || !CREATE_VERBS.has(group.verb)) continue;
      for (const item of phrase.items) if (headOf(item) && this.person(headOf(item)!)) this.role(item).acts = true;
    }
    for (const item of [...group.objects, ...group.preps.flatMap((p) => p.items)]) {
      const head = headOf(item);
      if (head && ADMIN_WORDS.has(head.lemma)) this.role(item);
    }
  }

  private role(item: Item): RoleDraft {
    const head = headOf(item)!;
    const generic = GENERIC_PEOPLE.has(head.lemma);
    const key = generic ? 'user' : head.lemma;
    const existing = this.roles.get(key);
    if (existing) return existing;
    const modifiers = generic ? [] : nounWords(item).slice(0, -1).map((t) => t.norm).filter((w) => !GROUP_MODIFIERS.has(w));
    const role: RoleDraft = {
      head: key,
      name: snake([...modifiers, key].join(' ')),
      first: head.index,
      capabilities: [],
      admin: ADMIN_WORDS.has(head.lemma),
      acts: false,
      creates: false,
    };
    this.roles.set(key, role);
    return role;
  }

  private roleOf(item: Item): RoleDraft | undefined {
    const head = headOf(item);
    if (!head || !this.person(head)) return undefined;
    return this.roles.get(GENERIC_PEOPLE.has(head.lemma) ? 'user' : head.lemma);
  }

  // ------------------------------------------------------------------ entities and links

  private readGroup(group: VerbGroup, earlier: VerbGroup[], clauseText: string): void {
    const subject = group.subjects[0];
    const actor = subject ? this.roleOf(subject) : undefined;
    const r: Reading = {
      group,
      earlier,
      subject,
      actor,
      subjectEntity: subject && !actor ? this.entityKey(subject) : null,
      creates: CREATE_VERBS.has(group.verb),
      // The clause says it best ("Each project has many tasks"); a long one is cut to the group's words.
      phrase: clauseText.length <= 160 ? clauseText.replace(/[\s,;:.]*\b(and|or|but)?[\s,;:.]*$/i, '') : group.phrase,
    };
    if (HAS_VERBS.has(group.verb) && !group.passive) {
      this.readHolding(r);
      return;
    }
    if (WORK_VERBS.has(group.verb)) this.readBelonging(r);
    if (group.passive) this.readPassive(r);
    this.readRecordVerb(r);
    const main = this.readObjects(r);
    if (main) this.readObjectPhrases(r, main);
    this.readParts(r);
    this.readCounted(r);
  }

  /** "Each project has many tasks", "Suppliers have a name, a contact email and a lead time". */
  private readHolding({ group, subject, actor, phrase }: Reading): void {
    if (!subject) return;
    const owner = this.entityKey(subject) ?? (actor && group.objects.some((o) => o.quantity === 'one') ? this.personEntity(subject) : null);
    if (!owner) return;
    this.strong(owner, subject);
    this.readItems(owner, group.objects, phrase, true);
    const child = group.objects.find((o) => o.quantity === 'many' && this.entityKey(o));
    if (child && group.withItems.length) this.readItems(this.entityKey(child)!, group.withItems, phrase, false);
  }

  /** "each deal belongs to a company", "members can belong to many projects", "stylists work at a salon". */
  private readBelonging({ group, subject, actor, subjectEntity, phrase }: Reading): void {
    if (!subject) return;
    for (const p of group.preps) {
      if (!['to', 'at', 'for', 'in'].includes(p.prep)) continue;
      for (const item of p.items) {
        const parent = this.entityKey(item);
        const child = subjectEntity ?? (actor && group.verb !== 'belong' ? this.personEntity(subject) : null);
        const childName = child ?? actor?.name;
        if (!parent || !childName) continue;
        this.strong(parent, item);
        if (child) this.strong(child, subject);
        this.link(parent, childName, phrase, item.quantity === 'many');
        if (item.quantity === 'many') this.link(childName, parent, phrase, true);
      }
    }
  }

  /** "purchase orders are sent to a supplier", "deals ... owned by a rep", "tasks assigned to members". */
  private readPassive({ group, subject, subjectEntity, phrase }: Reading): void {
    if (!subject || !subjectEntity) return;
    for (const p of group.preps) {
      if (!['to', 'by', 'for'].includes(p.prep)) continue;
      for (const item of p.items) {
        const role = this.roleOf(item);
        const parent = role ? role.name : this.entityKey(item);
        if (!parent) continue;
        this.strong(subjectEntity, subject);
        if (!role) this.strong(parent, item);
        this.link(parent, subjectEntity, phrase, false);
      }
    }
  }

  /** "members can comment on tasks", "readers subscribe to a writer's plan": the verb leaves a record. */
  private readRecordVerb({ group, actor, phrase }: Reading): void {
    const record = VERB_RECORDS[group.verb];
    if (!record || !actor || group.objects.length > 0 || NOT_ENTITIES.has(record)) return;
    this.touch(record, group.verbToken.index, true).createdBy.add(actor.head);
    for (const p of group.preps) {
      for (const item of p.items) {
        const role = this.roleOf(item);
        const parent = role ? role.name : this.entityKey(item);
        if (parent && (role || ATTACH_PREPS.has(p.prep))) {
          if (!role) this.strong(parent, item);
          this.link(parent, record, phrase, false);
        }
      }
    }
    this.link(actor.name, record, phrase, false);
  }

  /** Objects of verbs that create or keep things ("create quizzes"); returns the main one. */
  private readObjects({ group, actor, creates, earlier, phrase }: Reading): string | undefined {
    for (const object of group.objects) {
      const key = this.entityKey(object) ?? (creates && (group.verb === 'manage' || group.verb === 'add') ? this.personEntity(object) : null);
      if (!key) continue;
      if (creates) {
        this.strong(key, object);
        if (actor) this.entities.get(key)!.createdBy.add(actor.head);
      }
      if (object.values.length > 0) this.addAttribute(key, makeAttribute('type', 'enum', object.values.map(singular)));
    }
    const main = group.objects.map((o) => this.entityKey(o)).find((k): k is string => !!k && this.entities.has(k));
    if (!main || !(creates || this.entities.get(main)!.strong)) return undefined;
    // "Sellers open a shop and list products": what a person opens holds what they then list.
    if (creates && actor) {
      const container = earlier.find((g) => CONTAINER_VERBS.has(g.verb) && g.subjects[0] && this.roleOf(g.subjects[0]) === actor && g.objects.length === 1 && g.objects[0]!.quantity === 'one');
      const parent = container ? this.entityKey(container.objects[0]!) : null;
      if (parent && parent !== main && group.objects.some((o) => o.quantity === 'many')) this.link(parent, main, phrase, false);
      // "pick a service and a stylist, and book an appointment": the booking refers to what was picked.
      for (const g of earlier.filter((e) => CHOICE_VERBS.has(e.verb))) {
        for (const o of g.objects) {
          const picked = this.entityKey(o) ?? this.roleOf(o)?.name;
          if (picked && picked !== main && o.quantity === 'one') this.link(picked, main, phrase, false);
        }
      }
    }
    return main;
  }

  /** What follows the main object: its attributes, its kinds, and the things it hangs from. */
  private readObjectPhrases({ group, creates, phrase }: Reading, main: string): void {
    this.readItems(main, group.withItems, phrase, false);
    for (const p of group.preps) {
      // "book an appointment for a date and time".
      if (creates && ['for', 'at', 'on'].includes(p.prep)) this.readWhen(main, p.items);
      // "activities such as calls, meetings and notes".
      if (p.prep === 'such as') this.addAttribute(main, makeAttribute('type', 'enum', p.items.map((i) => singular(i.words.map((t) => t.norm).join(' ')))));
      for (const item of p.items) {
        const parent = this.entityKey(item);
        const role = this.roleOf(item);
        // "log activities against a deal", "leave reviews on products", "order items, each for one product".
        const attached = parent && parent !== main && ['against', 'on', 'for'].includes(p.prep);
        // "search products by category".
        const sorted = parent && p.prep === 'by' && SEARCH_VERBS.has(group.verb) && (CLASSIFIERS.has(parent) || this.entities.has(parent));
        if (parent && (attached || sorted)) {
          this.strong(parent, item);
          this.link(parent, main, phrase, false);
        }
        // "book visits with veterinarians": the record belongs to the person it is made with.
        if (role && creates && p.prep === 'with') this.link(role.name, main, phrase, false);
      }
    }
  }

  /** "courses made of lessons": the parts belong to the thing just named. */
  private readParts({ group, earlier, phrase }: Reading): void {
    if (!PART_VERBS.has(group.verb) || !(group.verbToken.tags.has('PastTense') || group.verbToken.tags.has('Gerund'))) return;
    const whole = earlier.at(-1)?.objects.map((o) => this.entityKey(o)).find((k) => k && this.entities.has(k));
    if (!whole) return;
    for (const p of group.preps) {
      if (p.prep !== 'of' && p.prep !== 'into') continue;
      for (const item of p.items) {
        const part = this.entityKey(item);
        if (!part) continue;
        this.strong(part, item);
        this.link(whole, part, phrase, true);
      }
    }
  }

  /** "the results of every attempt": the thing counted is a record of its own. */
  private readCounted({ group }: Reading): void {
    for (const object of group.objects) {
      const outer = headOf(object);
      if (object.of && outer && NOT_ENTITIES.has(outer.lemma) && object.of.quantity === 'one') {
        const key = this.entityKey(object.of);
        if (key) this.strong(key, object.of);
      }
    }
  }

  /** Listed items of an entity: attributes, or links when they name other things. */
  private readItems(owner: string, items: Item[], phrase: string, fromHas: boolean): void {
    for (const item of items) {
      const head = headOf(item);
      if (!head) continue;
      const role = this.roleOf(item);
      if (role) {
        if (item.quantity === 'many') this.link(owner, role.name, phrase, true);
        continue;
      }
      if (this.person(head)) continue;
      if (head.tags.has('ProperNoun') && /^\p{Lu}/u.test(head.text) && item.words.length === 1) continue;
      const key = this.entityKey(item);
      const kind = attributeKind(snake(item.words.map((t) => t.norm).join(' ')), item);
      const isThing = key && kind !== 'image' && kind !== 'file' && (item.collection || (fromHas && item.quantity === 'many' && item.plural) || this.entities.get(key)?.strong);
      if (key && isThing) {
        this.strong(key, item);
        this.link(owner, key, phrase, item.quantity === 'many');
        continue;
      }
      // "tags" on articles: a shared lookup, many to many.
      if (key && CLASSIFIERS.has(key) && item.plural) {
        this.strong(key, item);
        this.link(owner, key, phrase, true);
        this.link(key, owner, phrase, true);
        continue;
      }
      const made = attributeFromItem(item);
      if (!made) continue;
      this.addAttribute(owner, made.attribute);
      if (made.assumed) this.assumptions.push(made.assumed);
    }
  }

  /** Date and time items after a created thing become when it happens: one `starts_at` for both. */
  private readWhen(owner: string, items: Item[]): void {
    const kinds = items.map((i) => attributeKind(snake(i.words.map((t) => t.norm).join(' '))));
    if (!kinds.every((k) => k === 'date' || k === 'time' || k === 'datetime') || kinds.length === 0) return;
    if (kinds.length === 1 && kinds[0] !== 'time') {
      const made = attributeFromItem(items[0]!);
      if (made) this.addAttribute(owner, made.attribute);
    } else this.addAttribute(owner, makeAttribute('starts_at', 'datetime'));
  }

  private addAttribute(owner: string, attribute: AttributeSpec): void {
    const entity = this.entities.get(owner);
    if (!entity || entity.attributes.has(attribute.name) || attribute.name === owner) return;
    entity.attributes.set(attribute.name, attribute);
  }

  private link(from: string, to: string, phrase: string, many: boolean): void {
    if (from === to) return;
    this.links.push({ from, to, kind: 'one-to-many', phrase, many });
  }

  /** An entity name for a noun phrase, or null when it is a person, a non-thing or an attribute word. */
  private entityKey(item: Item): string | null {
    const words = nounWords(item);
    const head = words[words.length - 1];
    if (!head || this.person(head)) return null;
    if (words.some((t) => !/^[a-z][a-z-]*$/.test(t.lemma) || t.tags.has('Pronoun'))) return null;
    if (words.length === 1 && /^\p{Lu}/u.test(head.text) && head.tags.has('ProperNoun') && head.index > 0) return null;
    const name = snake([...words.slice(0, -1).map((t) => t.norm), head.lemma].join(' '));
    if (!name || words.length > 3) return null;
    if (NOT_ENTITIES.has(name) || NOT_ENTITIES.has(head.lemma) || this.productWords.has(name)) return null;
    const kind = attributeKind(name);
    if (VERB_RECORDS[name] === undefined && !['text', 'location', 'long_text'].includes(kind)) return null;
    if (DISPLAY_NAMES.has(name)) return null;
    return name;
  }

  /** A person managed as a record ("studio managers manage instructors"). */
  private personEntity(item: Item): string | null {
    const words = nounWords(item);
    const head = words[words.length - 1];
    if (!head || !this.person(head) || ADMIN_WORDS.has(head.lemma) || head.lemma === 'user') return null;
    return head.lemma;
  }

  private touch(name: string, first: number, strong: boolean): EntityDraft {
    let entity = this.entities.get(name);
    if (!entity) {
      entity = { name, first, attributes: new Map(), createdBy: new Set(), strong };
      this.entities.set(name, entity);
    }
    entity.strong ||= strong;
    entity.first = Math.min(entity.first, first);
    return entity;
  }

  private strong(name: string, item: Item): void {
    this.touch(name, headOf(item)?.index ?? Number.MAX_SAFE_INTEGER, true);
  }

  // ------------------------------------------------------------------ assembling the model

  private assemble(): Structure {
    const entityNames = new Set([...this.entities.values()].filter((e) => e.strong).map((e) => e.name));
    // "classes with ... a room": once rooms are records too, the attribute is a link to them.
    for (const entity of this.entities.values()) {
      for (const attribute of [...entity.attributes.values()]) {
        if (entityNames.has(attribute.name) && attribute.name !== entity.name && attribute.kind === 'text') {
          entity.attributes.delete(attribute.name);
          this.link(attribute.name, entity.name, `${entity.name} has ${withArticle(attribute.name)}`, false);
        }
      }
    }
    const roles = this.assembleRoles(entityNames);
    const roleNames = new Set(roles.map((r) => r.name));
    const relationships = this.assembleLinks(entityNames, roleNames);
    const mentions = new Map([...entityNames].map((n) => [n, this.countMentions(n)]));
    const entities = [...this.entities.values()]
      .filter((e) => entityNames.has(e.name))
      .sort((a, b) => mentions.get(b.name)! - mentions.get(a.name)! || a.first - b.first)
      .map((e) => this.assembleEntity(e, mentions.get(e.name)!, roles, relationships));
    return { roles, entities, relationships, assumptions: this.assumptions };
  }

  private assembleRoles(entityNames: Set<string>): RoleSpec[] {
    const drafts = [...this.roles.values()].filter((r) => r.acts || r.admin).sort((a, b) => a.first - b.first);
    const specific = drafts.filter((r) => r.head !== 'user' && !r.admin);
    const kept = specific.length > 0 ? drafts.filter((r) => r.head !== 'user' || r.creates) : drafts;
    for (const clause of this.clauses) {
      for (const group of clause.groups) {
        const role = group.subjects[0] ? this.roleOf(group.subjects[0]) : undefined;
        if (!role || group.passive || HAS_VERBS.has(group.verb) || WORK_VERBS.has(group.verb)) continue;
        // A bare verb ("mark") or a participle ("shipped with ...") is not something a person sets out to do.
        if (!group.text.includes(' ') || group.verbToken.tags.has('PastTense')) continue;
        for (const capability of this.capabilities(group, entityNames)) {
          if (!role.capabilities.some((c) => c.text === capability.text)) role.capabilities.push(capability);
        }
      }
    }
    const nonAdmin = kept.filter((r) => !r.admin);
    return kept.map((r) => ({
      name: r.name,
      label: sentence(r.name),
      description: describeRole(r),
      primary: nonAdmin.length === 1 && !r.admin,
      admin: r.admin,
      privileged: r.admin || isSupervisorRole(r.name),
      selfSignup: !r.admin && !isSupervisorRole(r.name),
      capabilities: r.capabilities,
    }));
  }

  private capabilities(group: VerbGroup, entityNames: Set<string>): CapabilitySpec[] {
    const verb = CAPABILITY_VERBS[group.verb] ?? 'other';
    const text = group.text.charAt(0).toLowerCase() + group.text.slice(1);
    const record = VERB_RECORDS[group.verb];
    if (record && entityNames.has(record) && group.objects.length === 0) return [{ verb: 'create', entity: record, text }];
    const targets = group.objects.map((o) => this.entityKey(o) ?? headOf(o)?.lemma).filter((k): k is string => !!k);
    const entity = targets.find((t) => entityNames.has(t));
    return [{ verb, ...(entity ? { entity } : {}), text }];
  }

  private assembleLinks(entityNames: Set<string>, roleNames: Set<string>): RelationshipSpec[] {
    const known = (n: string): boolean => entityNames.has(n) || roleNames.has(n);
    const links = this.links.filter((l) => known(l.from) && known(l.to));
    const out: RelationshipSpec[] = [];
    const seen = new Set<string>();
    for (const l of links) {
      const pair = [l.from, l.to].sort().join('|');
      if (seen.has(pair)) continue;
      const reverse = links.find((r) => r.from === l.to && r.to === l.from);
      seen.add(pair);
      if (reverse && l.many && reverse.many) {
        out.push({ from: l.from, to: l.to, kind: 'many-to-many', through: `${l.from}_${l.to}` });
      } else {
        out.push({ from: l.from, to: l.to, kind: 'one-to-many', ...(roleNames.has(l.from) && /\bassign/i.test(l.phrase) ? { as: 'assignee' } : {}) });
      }
    }
    return out;
  }

  private assembleEntity(e: EntityDraft, mentions: number, roles: RoleSpec[], relationships: RelationshipSpec[]): EntitySpec {
    const attributes = [...e.attributes.values()];
    if (e.name === 'rating' && !attributes.some((a) => a.kind === 'rating')) {
      attributes.unshift(makeAttribute('stars', 'rating'));
      attributes[0]!.required = true;
    } else if (BODY_RECORDS.has(e.name) && !attributes.some((a) => a.kind === 'long_text')) {
      attributes.unshift(makeAttribute('body', 'long_text'));
      attributes[0]!.required = true;
    } else if (!attributes.some((a) => DISPLAY_NAMES.has(a.name))) {
      const display = TITLE_HEADS.has(e.name.split('_').pop()!) ? 'title' : 'name';
      attributes.unshift(makeAttribute(display, 'text'));
      this.assumptions.push(`${sentence(e.name)} gets ${withArticle(display)} to show it by (the spec names none)`);
    }
    const createdBy = roles.filter((r) => [...e.createdBy].some((h) => r.name === h || r.name.endsWith(`_${h}`))).map((r) => r.name);
    const parents = relationships.filter((r) => r.to === e.name && r.kind === 'one-to-many').map((r) => r.from);
    const children = relationships.filter((r) => r.from === e.name).map((r) => r.to);
    const parts = [
      createdBy.length ? `created by ${createdBy.map((r) => pluralName(r).replace(/_/g, ' ')).join(' and ')}` : '',
      parents.length ? `belongs to ${parents.map((p) => withArticle(p.replace(/_/g, ' '))).join(' and ')}` : '',
      children.length ? `has ${children.map((c) => pluralName(c).replace(/_/g, ' ')).join(', ')}` : '',
    ].filter(Boolean);
    return {
      name: e.name,
      plural: pluralName(e.name),
      label: sentence(e.name),
      pluralLabel: sentence(pluralName(e.name)),
      description: sentence(e.name) + (parts.length ? `: ${parts.join('; ')}` : ' kept in the product'),
      attributes,
      owned: createdBy.length > 0,
      createdBy,
      mentions,
    };
  }

  /** Times the spec names the entity, singular or plural. */
  private countMentions(name: string): number {
    const words = name.split('_');
    const head = words[words.length - 1]!;
    let count = 0;
    for (const i of this.positions().get(head) ?? []) {
      let match = i >= words.length - 1;
      for (let k = 0; k < words.length - 1 && match; k++) match = this.tokens[i - words.length + 1 + k]!.norm === words[k];
      if (match) count++;
    }
    return Math.max(count, 1);
  }

  private positionsByWord: Map<string, number[]> | null = null;

  /** Where each word (lemma or as written) occurs, built once so counting stays linear. */
  private positions(): Map<string, number[]> {
    if (this.positionsByWord) return this.positionsByWord;
    const map = new Map<string, number[]>();
    this.tokens.forEach((t, i) => {
      for (const w of new Set([t.lemma, t.norm])) {
        const list = map.get(w);
        if (list) list.push(i);
        else map.set(w, [i]);
      }
    });
    this.positionsByWord = map;
    return map;
  }
}

/** The noun part of an item: leading adjectives dropped ("a monthly membership" → membership). */
function nounWords(item: Item): Token[] {
  const words = item.words.map((t) => t).filter((t) => t.norm !== 'own');
  let start = 0;
  while (start < words.length - 1 && words[start]!.tags.has('Adjective') && !words[start]!.tags.has('Noun')) start++;
  return words.slice(start);
}

function headOf(item: Item): Token | undefined {
  return item.words[item.words.length - 1];
}

function singular(text: string): string {
  return text.split(' ').map((w, i, all) => (i === all.length - 1 ? singularWord(w) : w)).join(' ');
}

function describeRole(role: RoleDraft): string {
  const texts = role.capabilities.slice(0, 3).map((c) => c.text);
  if (texts.length === 0) return role.admin ? 'Administers the product' : `Uses the product as ${withArticle(role.name.replace(/_/g, ' '))}`;
  return capitalize(texts.join(', '));
}
