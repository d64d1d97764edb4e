import type { Requirements } from '../../contract/index.js';
import { lower, pluralLabel } from '../english.js';
import { carries, statedFeatures, type StatedFeature } from '../stated-features.js';
import type { DraftEpic, DraftRequirement } from './draft.js';
import { entityNamed, roleNamed, type Scope } from './scope.js';

/**
 * Every feature the idea states gets a requirement: the workflow, capability and integration
 * stories carry most of them in their own words; a feature none of them names (a heatmap, a
 * floor plan, dark mode) is added to the story that delivers its place in the app, and a feature
 * the idea puts off is a won't-have.
 */
export function placeFeatures(scope: Scope, epics: DraftEpic[]): DraftRequirement[] {
  const deferred: DraftRequirement[] = [];
  const planned = () => epics.flatMap((epic) => epic.stories.flatMap((story) => story.covers.map((requirement) => requirement.description))).join('\n');
  statedFeatures(scope.model).forEach((feature, index) => {
    if (feature.deferred) {
      deferred.push({ key: `feature:${index}`, description: `The stated feature “${feature.text}”: deferred, as the spec puts it off.`, priority: 'wont' });
      return;
    }
    if (carries(planned(), feature)) return;
    const where = placeOf(scope, feature);
    const story = storyFor(scope, epics, feature);
    const sentence = `The stated feature “${feature.text}” is available ${where}.`;
    story.covers.push({ key: `feature:${index}`, description: sentence, priority: 'should' });
    story.acceptance_criteria.push(sentence);
  });
  return deferred;
}

/** Where a feature lives in the app: its entity's pages, its role's dashboard, or the whole interface. */
function placeOf(scope: Scope, feature: StatedFeature): string {
  const entity = entityNamed(scope, feature.entities[0]);
  if (entity) return `on the ${lower(entity.pluralLabel)} pages`;
  const role = roleNamed(scope, feature.roles[0]);
  if (role) return `to ${pluralLabel(role.label)} from their dashboard`;
  return 'in the interface of every signed-in page';
}

/** The story that delivers the feature's entity, else the app shell's (the dashboard and navigation). */
function storyFor(scope: Scope, epics: DraftEpic[], feature: StatedFeature): DraftEpic['stories'][number] {
  const entity = feature.entities[0];
  const stories = epics.flatMap((epic) => epic.stories);
  const own = entity ? stories.find((story) => story.covers.some((requirement) => requirement.key.startsWith(`entity:${entity}:`))) : undefined;
  return own ?? stories.find((story) => story.covers.some((requirement) => requirement.key === 'foundation:shell')) ?? stories[0]!;
}

/** The PRD's table of the stated features: each with the requirements that deliver or defer it. */
export function featureRows(scope: Scope, functional: Requirements['functional']): Array<[string, string, string]> {
  return statedFeatures(scope.model).map((feature) => {
    const ids = functional.filter((fr) => carries(fr.description, feature)).map((fr) => fr.id.replace('-', ''));
    return [feature.text, ids.join(', ') || 'none', feature.deferred ? 'deferred' : 'planned'];
  });
}
