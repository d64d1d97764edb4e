import type { AccessRule, ProductModelContract } from '../../contract/index.js';
import { listing, lower, pluralLabel, unique, withArticle } from '../english.js';
import { table } from '../markdown-table.js';
import type { EntitySpec, FeatureSpec, ProductModel, RoleSpec } from '../model.js';
import { capitalize, sentence } from '../naming.js';
import { PERSONAS } from '../personas.js';

/**
 * The AIOS project brief (AIOS-METHOD.md), written from the product model in unattended mode:
 * every section drafted, and what the idea leaves open said as an assumption or a question. The
 * brief's sentences are its own; where it repeats the idea's words (a stated need, a constraint)
 * it quotes them as the idea's.
 */

const PERSONAL_TYPES = new Set(['email', 'phone']);
const NAME_ONLY = new Set(['name', 'title']);
const PERSONAL_NAMES = /birth|health|medical|diagnos|allerg|passport|salary/;

const READING_NOTE =
  'This brief is a reading of the idea, not a plan: it fixes who the users are, what the product keeps and who may do what, so that the PM, the architect, the UX designer and the developer build on one understanding. Everything the idea left open is listed at the end.';

/** How the brief names an integration's kind in a question. */
const KIND_NAMES: Record<string, string> = { sms: 'text messages (SMS)', oauth: 'social sign-in', ai: 'AI features', file_uploads: 'file uploads' };

/** Prose a model wrote for the brief's narrative sections (engines/prose.ts, checked as plain prose). */
export interface BriefProse {
  executive_summary: string;
  problem_statement: string;
  post_mvp_vision: string;
}

export function briefMarkdown(contract: ProductModelContract, model: ProductModel, prose?: BriefProse): string {
  const brief = new Brief(contract, model, prose);
  return [
    `# Project Brief: ${model.name}`,
    brief.changeLog(),
    brief.executiveSummary(),
    brief.problem(),
    brief.solution(),
    brief.users(),
    brief.goals(),
    brief.mvpScope(),
    brief.postMvp(),
    brief.technical(),
    brief.constraintsAndAssumptions(),
    brief.risksAndQuestions(),
    brief.nextSteps(),
  ].join('\n\n') + '\n';
}

class Brief {
  private readonly roles: RoleSpec[];
  private readonly people: RoleSpec[];
  /** Entities by how much the idea does with them, the core first. */
  private readonly core: EntitySpec[];
  /** True when everyone who signs in is one kind of "user", named or assumed. */
  private readonly assumedUser: boolean;

  constructor(
    private readonly contract: ProductModelContract,
    private readonly model: ProductModel,
    private readonly prose?: BriefProse,
  ) {
    this.roles = model.roles;
    this.people = model.roles.filter((role) => !role.admin);
    this.core = [...model.entities].sort((a, b) => b.mentions - a.mentions);
    this.assumedUser = contract.roles.length === 0 || (contract.roles.length === 1 && contract.roles[0]!.name === 'user');
  }

  changeLog(): string {
    const author = `${PERSONAS.analyst.name} (${PERSONAS.analyst.title})`;
    return ['## Change Log', '', table(['Date', 'Version', 'Description', 'Author'], [['Draft', '0.1', 'First reading of the idea, in unattended mode', author]])].join('\n');
  }

  executiveSummary(): string {
    const { model } = this;
    if (this.prose) return ['## Executive Summary', '', this.prose.executive_summary, '', READING_NOTE].join('\n');
    const kind = model.domain ? `${withArticle(lower(model.domain))} product` : 'a web product';
    const audience = model.segments.length > 0 ? ` for ${listing(model.segments.map(lower))}` : '';
    const who = this.assumedUser ? 'Everyone who signs in has the same rights.' : `People sign in as ${listing(this.roles.map((role) => lower(pluralLabel(role.label))))}.`;
    const records = `It keeps ${count(model.entities.length, 'kind')} of record${model.entities.length === 1 ? '' : 's'}: ${listing(this.core.slice(0, 6).map((entity) => lower(entity.pluralLabel)))}${model.entities.length > 6 ? ' and more' : ''}.`;
    const doing = this.whoDoesWhat(4);
    return [
      '## Executive Summary',
      '',
      `${model.name} is ${kind}${audience}. ${who} ${records}`,
      '',
      doing
        ? `Its value rests on a few things done well: ${doing}.`
        : `The idea names the records but not what people do with them; the working assumption is that each person keeps and shares their own ${lower(this.core[0]!.pluralLabel)}.`,
      '',
      READING_NOTE,
    ].join('\n');
  }

  problem(): string {
    const { model } = this;
    const written = this.prose ? ['', this.prose.problem_statement] : [];
    if (model.problems.length > 0) {
      return ['## Problem Statement', '', 'The problems the product answers, as given:', '', ...model.problems.map((problem) => `- ${problem}`), ...written].join('\n');
    }
    if (this.prose) return ['## Problem Statement', ...written].join('\n');
    const doing = this.whoDoesWhat(4);
    const inferred = doing
      ? `Read from what it describes, the product is where ${doing}; the problem would be that nothing brings this together today.`
      : `Read from what it describes, the problem would be that ${listing(this.core.slice(0, 3).map((entity) => lower(entity.pluralLabel)))} are kept in no one place today.`;
    return ['## Problem Statement', '', `The idea does not say what problem it solves, or how it is handled today. ${inferred} That is a hypothesis to confirm before the PRD sets priorities.`].join('\n');
  }

  solution(): string {
    const { model } = this;
    const rows = this.core.map((entity) => [entity.label, this.keeper(entity), entity.attributes.length > 0 ? entity.attributes.map((attribute) => lower(attribute.label)).join(', ') : '_not stated_']);
    const lines = [
      '## Proposed Solution',
      '',
      `A responsive web application where each person signs in and works on the records their role allows, with the rules enforced by the database itself rather than by screens. ${model.name} keeps:`,
      '',
      table(['Record', 'Created by', 'What it holds'], rows),
    ];
    const relations = this.relationSentences();
    if (relations.length > 0) lines.push('', 'How they relate:', '', ...relations.map((text) => `- ${text}`));
    if (model.integrations.length > 0) {
      lines.push('', 'Services it relies on:', '', ...model.integrations.map((integration) => `- ${integration.reason}${integration.stated ? '' : ' (assumed; the idea names no provider)'}.`));
    }
    return lines.join('\n');
  }

  users(): string {
    const lines = ['## Target Users', ''];
    if (this.model.segments.length > 0) lines.push(`Who it is for: ${listing(this.model.segments.map(lower))}.`, '');
    const rows = this.roles.map((role) => {
      const does = this.featuresOf(role).map((feature) => lower(feature.text));
      const joins = role.privileged ? 'appointed, never at sign-up' : role.selfSignup ? 'signs up' : 'signs up, then is given the role';
      return [role.label, joins, does.length > 0 ? capitalize(listing(does.slice(0, 6))) : '_not stated_'];
    });
    lines.push(table(['Role', 'Joins', 'What they do'], rows));
    if (this.assumedUser) lines.push('', 'Everyone who signs in is a "user", with the same rights: the model names no other kind of user.');
    const privileged = this.roles.filter((role) => role.privileged);
    if (privileged.length > 0) {
      lines.push('', `${capitalize(listing(privileged.map((role) => lower(pluralLabel(role.label)))))} have power over other people's rows.`);
    }
    return lines.join('\n');
  }

  goals(): string {
    const { model } = this;
    const lines = ['## Goals & Success Metrics', ''];
    if (model.metrics.length > 0) {
      lines.push('As given:', '', ...model.metrics.map((metric) => `- ${metric}`));
      return lines.join('\n');
    }
    const role = this.people[0] ?? this.roles[0]!;
    const doers = lower(pluralLabel(role.label));
    const main = this.core[0]!;
    const paid = model.integrations.some((integration) => integration.kind === 'payments' || integration.kind === 'subscriptions');
    lines.push(
      'The idea names no measure of success. Proposed, with targets to set:',
      '',
      `- Activation: the share of new ${doers} who create their first ${lower(main.label)} in their first session.`,
      `- Engagement: ${lower(main.pluralLabel)} created or updated per active ${lower(role.label)} per week.`,
      `- Retention: the share of ${doers} active again four weeks after signing up.`,
      ...(paid ? ['- Revenue: the share of sign-ups that pay, and payments that fail or are refunded.'] : []),
    );
    return lines.join('\n');
  }

  mvpScope(): string {
    const features = this.model.features;
    const core = features.filter((feature) => feature.priority === undefined || feature.priority === 'must' || feature.priority === 'should');
    const could = features.filter((feature) => feature.priority === 'could');
    const lines = [
      '## MVP Scope',
      '',
      '### Core Features (Must Have)',
      '',
      `- Sign-up and sign-in${this.assumedUser ? '' : this.roles.length === 1 ? ` as ${withArticle(lower(this.roles[0]!.label))}` : `, with the roles ${listing(this.roles.map((role) => lower(role.label)))}`}.`,
      ...core.map((feature) => `- ${this.featureSentence(feature)}`),
      `- Create, list, edit and delete ${listing(this.core.map((entity) => lower(entity.pluralLabel)))}, within the access rules below.`,
    ];
    if (could.length > 0) lines.push('', '### Could Have', '', ...could.map((feature) => `- ${this.featureSentence(feature)}`));
    lines.push(
      '',
      '### Out of Scope for MVP',
      '',
      ...features.filter((feature) => feature.priority === 'wont').map((feature) => `- ${capitalize(feature.text)} (the idea defers it).`),
      '- Native mobile apps: the MVP is a responsive web app (assumed).',
      '',
      '### MVP Success Criteria',
      '',
      'Every role can do what is listed above from start to finish, and nobody can read or change rows the access rules keep from them.',
    );
    return lines.join('\n');
  }

  postMvp(): string {
    const deferred = this.model.features.filter((feature) => feature.priority === 'wont');
    const kinds = new Set(this.model.integrations.map((integration) => integration.kind));
    const main = this.core[0]!;
    const suggestions = [
      `Reports over ${lower(main.pluralLabel)} (counts and trends over time) once there is data to report on.`,
      ...(kinds.has('email') || kinds.has('notifications') ? [] : ['Notifications (email or push) when something changes that a person should act on.']),
      'A native or installable mobile app, if people use it away from a desk.',
    ];
    const later = deferred.length > 0 ? `What the idea puts off until later: ${listing(deferred.map((feature) => lower(feature.text)))}.` : 'The idea names nothing beyond the first version.';
    if (this.prose) return ['## Post-MVP Vision', '', later, '', this.prose.post_mvp_vision].join('\n');
    return [
      '## Post-MVP Vision',
      '',
      later,
      '',
      'Directions the model suggests, none of them asked for:',
      '',
      ...suggestions.map((text) => `- ${text}`),
    ].join('\n');
  }

  technical(): string {
    const { model } = this;
    const lines = [
      '## Technical Considerations',
      '',
      '- Platform: a responsive web app, React + Vite + TypeScript + Tailwind + shadcn/ui on Supabase (Lovable\'s stack, the default preset; Next.js is the other). The architect decides.',
      `- Data: ${count(model.entities.length, 'table')} for the records, one profiles table for every person with their role, ${count(model.relationships.length, 'relationship')} between them; row level security on every table.`,
    ];
    const access = this.contract.access;
    if (access.length > 0) {
      lines.push('', 'Who may do what, as the model reads it:', '', table(['Role', 'Record', 'May', 'Which rows'], access.map((rule) => this.accessRow(rule))));
    } else {
      lines.push('', 'The idea states no access rules: by default, people see and change the rows they created, and administrators see everything.');
    }
    const stated = model.needs.filter((need) => need.source === 'stated');
    if (stated.length > 0) {
      lines.push('', 'Qualities the idea asks for:', '', ...stated.map((need) => `- ${capitalize(need.category)}: the idea says “${need.text.replace(/[.\s]+$/, '')}”.`));
    }
    const baseline = model.needs.filter((need) => need.source !== 'stated').map((need) => need.category);
    if (baseline.length > 0) lines.push('', `Baseline qualities every product gets, not stated by the idea: ${listing(baseline)}.`);
    return lines.join('\n');
  }

  constraintsAndAssumptions(): string {
    const { model } = this;
    const constraints = model.constraints.length > 0 ? model.constraints.map((text) => `- The idea says “${text.replace(/[.\s]+$/, '')}”.`) : ['- None stated.'];
    const assumptions = unique([
      'This reading was made unattended: each assumption below stands until someone confirms or corrects it.',
      ...model.assumptions.map((text) => capitalize(text.replace(/[.\s]+$/, '')) + '.'),
      'Everything needs sign-in; nothing is public in the first version.',
    ]);
    return ['## Constraints & Assumptions', '', '### Constraints', '', ...constraints, '', '### Assumptions', '', ...assumptions.map((text) => `- ${text}`)].join('\n');
  }

  risksAndQuestions(): string {
    return [
      '## Risks & Open Questions',
      '',
      '### Key Risks',
      '',
      ...this.risks().map((text) => `- ${text}`),
      '',
      '### Open Questions',
      '',
      ...this.questions().map((text) => `- ${text}`),
    ].join('\n');
  }

  nextSteps(): string {
    return [
      '## Next Steps',
      '',
      `Hand-off to the PM (${PERSONAS.pm.name} ${PERSONAS.pm.icon}): answer the open questions, correct the product model where it misreads the idea, then pass it as \`product_model\` to \`aios_strategize\` or \`aios_full_pipeline\`. Every agent builds on that model without reading the idea again.`,
    ].join('\n');
  }

  private risks(): string[] {
    const { model } = this;
    const kinds = new Set(model.integrations.map((integration) => integration.kind));
    const personal = model.entities.filter((entity) => entity.attributes.some((attribute) => PERSONAL_TYPES.has(attribute.kind) || PERSONAL_NAMES.test(attribute.name)));
    const risks = [
      `Reading: this model is a heuristic reading of the idea. A record, a role or a rule it missed is missing from every document built on it, so it is worth checking before anything is built.`,
      `Personal data: profiles${personal.length > 0 ? ` and ${listing(personal.map((entity) => lower(entity.pluralLabel)))}` : ''} hold personal data; consent, export and deletion need deciding (GDPR).`,
    ];
    if (kinds.has('payments') || kinds.has('subscriptions')) risks.push('Money: refunds, failed payments and disputes each need a flow of their own; card data stays with the payment provider.');
    if (kinds.has('file_uploads')) risks.push('Uploads: storage grows with use, and uploaded files may need size limits and moderation.');
    if (kinds.has('realtime')) risks.push('Live updates: two people changing the same row at once need a rule for who wins.');
    if (kinds.has('ai')) risks.push('AI output: generated text can be wrong; people need to review it, and each call costs money.');
    if (this.roles.some((role) => role.privileged)) risks.push('Privilege: roles with power over other people\'s rows must be given out carefully; a self-chosen admin would see everything.');
    return risks;
  }

  private questions(): string[] {
    const { model, contract } = this;
    const questions: string[] = [];
    if (model.problems.length === 0) questions.push('What problem does it solve, for whom, and how is it handled today?');
    if (model.metrics.length === 0) questions.push('What would make the first version a success, in numbers?');
    if (this.assumedUser) questions.push('Who uses it? Are there administrators, staff or customers with different rights, or is everyone equal?');
    for (const role of this.roles) {
      if (role.privileged && !role.admin) continue;
      const acts = this.featuresOf(role).length > 0 || contract.access.some((rule) => rule.role === role.name);
      if (!acts && !this.assumedUser && !role.admin) questions.push(`What do ${lower(pluralLabel(role.label))} do? The idea names them but no action of theirs.`);
    }
    const appointed = this.roles.filter((role) => role.privileged);
    if (appointed.length > 0) questions.push(`Who appoints ${listing(appointed.map((role) => lower(pluralLabel(role.label))))}, and how?`);
    const bare = model.entities.filter((entity) => entity.attributes.length === 0);
    if (bare.length === 1) questions.push(`What does ${withArticle(lower(bare[0]!.label))} hold? The idea names it but none of its details.`);
    if (bare.length > 1) questions.push(`What do ${listing(bare.map((entity) => lower(entity.pluralLabel)))} hold? The idea names them but none of their details.`);
    // A record whose only detail is a name the reader gave it, so that it shows as something.
    const named = model.entities.filter((entity) => entity.attributes.length === 1 && NAME_ONLY.has(entity.attributes[0]!.name));
    if (named.length > 0) {
      questions.push(`What do ${listing(named.map((entity) => lower(entity.pluralLabel)))} hold besides a ${named.length === 1 ? named[0]!.attributes[0]!.name : 'name'}? The idea gives none of their details.`);
    }
    const nobody = model.entities.filter((entity) => entity.createdBy.length === 0 && !entity.owned);
    if (nobody.length > 0) questions.push(`Who adds ${listing(nobody.map((entity) => lower(entity.pluralLabel)))}? The idea does not say.`);
    for (const integration of model.integrations.filter((item) => !item.stated)) {
      questions.push(`Which provider for ${KIND_NAMES[integration.kind] ?? integration.kind}? ${integration.provider} is assumed.`);
    }
    const unassigned = model.features.filter((feature) => feature.roles.length === 0 && feature.priority !== 'wont');
    if (unassigned.length > 0 && !this.assumedUser) questions.push(`Who may ${listing(unassigned.slice(0, 3).map((feature) => `“${lower(feature.text)}”`), 'or')}?`);
    return questions;
  }

  /**
   * "salon owners list their salons, and customers browse salons and book an appointment": the
   * features the idea describes most fully (a role and a record first), said by who does them.
   */
  private whoDoesWhat(limit: number): string {
    const wanted = this.model.features.filter((feature) => feature.priority !== 'wont' && feature.priority !== 'could');
    const main = [...wanted].sort((a, b) => score(b) - score(a)).slice(0, limit);
    const groups = new Map<string, string[]>();
    for (const feature of main) {
      const who = this.doers(feature);
      groups.set(who, [...(groups.get(who) ?? []), lower(feature.text)]);
    }
    return [...groups].map(([who, texts]) => `${who} ${listing(texts)}`).join('; ');
  }

  /** Who does a feature, as a plural subject: "salon owners", "people". */
  private doers(feature: FeatureSpec): string {
    if (feature.roles.length === 0 || this.assumedUser) return 'people';
    return listing(feature.roles.map((name) => lower(pluralLabel(this.roleLabel(name)))));
  }

  /** "Customers book an appointment." */
  private featureSentence(feature: FeatureSpec): string {
    return `${capitalize(this.doers(feature))} ${lower(feature.text)}.`;
  }

  private featuresOf(role: RoleSpec): FeatureSpec[] {
    const direct = this.model.features.filter((feature) => feature.roles.includes(role.name) && feature.priority !== 'wont');
    if (direct.length > 0 || !this.assumedUser) return direct;
    return this.model.features.filter((feature) => feature.priority !== 'wont');
  }

  private keeper(entity: EntitySpec): string {
    const creators = entity.createdBy.map((name) => lower(pluralLabel(this.roleLabel(name))));
    if (creators.length > 0) return listing(unique(creators));
    return entity.owned ? 'whoever signs in' : '_not stated_';
  }

  private roleLabel(name: string): string {
    return this.roles.find((role) => role.name === name)?.label ?? sentence(name);
  }

  private entityLabel(name: string, plural = false): string {
    const entity = this.model.entities.find((item) => item.name === name);
    if (entity) return lower(plural ? entity.pluralLabel : entity.label);
    const role = this.roles.find((item) => item.name === name);
    return lower(plural ? pluralLabel(role?.label ?? sentence(name)) : role?.label ?? sentence(name));
  }

  private relationSentences(): string[] {
    return this.model.relationships.map((relationship) => {
      const from = this.entityLabel(relationship.from);
      const to = this.entityLabel(relationship.to);
      const tos = this.entityLabel(relationship.to, true);
      switch (relationship.kind) {
        case 'one-to-one':
          return `Each ${from} has at most one ${to}.`;
        case 'many-to-many': {
          const through = relationship.through ? `, through ${withArticle(this.entityLabel(relationship.through))}` : '';
          return `${capitalize(pluralLabel(from))} and ${tos} are linked many to many${through}.`;
        }
        case 'one-to-many':
          return relationship.as
            ? `Each ${to} names ${withArticle(from)} as its ${lower(sentence(relationship.as))}.`
            : `Each ${from} has many ${tos}; each ${to} belongs to one ${from}.`;
      }
    });
  }

  private accessRow(rule: AccessRule): string[] {
    const rows: Record<AccessRule['scope'], string> = {
      all: 'all',
      own: 'their own',
      related: `those related through ${withArticle(this.entityLabel(rule.via ?? ''))}`,
      none: 'none',
    };
    return [this.roleLabel(rule.role), capitalize(this.entityLabel(rule.entity, true)), rule.actions.join(', '), rows[rule.scope]];
  }
}

function score(feature: FeatureSpec): number {
  return (feature.roles.length > 0 ? 2 : 0) + (feature.entities.length > 0 ? 1 : 0);
}

function count(n: number, noun: string): string {
  const words = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
  return `${words[n] ?? n} ${n === 1 ? noun : `${noun}s`}`;
}
