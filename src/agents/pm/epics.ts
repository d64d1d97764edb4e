import type { StrategizeOutput } from '../../contract/index.js';
import type { DraftEpic } from './draft.js';
import { foundationEpic } from './foundation.js';
import { integrationEpics } from './integrations.js';
import type { Scope } from './scope.js';
import { workflowEpics } from './workflows.js';

type Epic = StrategizeOutput['epics'][number];

/** Epic 1 lays the foundation; the core workflows follow in dependency order; integrations come last. */
export function planEpics(scope: Scope): DraftEpic[] {
  return [foundationEpic(scope), ...workflowEpics(scope), ...integrationEpics(scope)];
}

/** Numbers epics and stories (`N.M`) and points each story at the FR ids it delivers. */
export function numberEpics(drafts: readonly DraftEpic[], idOf: ReadonlyMap<string, string>): Epic[] {
  return drafts.map((draft, index) => ({
    id: index + 1,
    title: draft.title,
    goal: draft.goal,
    stories: draft.stories.map((story, storyIndex) => ({
      id: `${index + 1}.${storyIndex + 1}`,
      title: story.title,
      as_a: story.as_a,
      i_want: story.i_want,
      so_that: story.so_that,
      acceptance_criteria: story.acceptance_criteria,
      requirements: [...new Set(story.covers.flatMap((draftRequirement) => idOf.get(draftRequirement.key) ?? []))],
    })),
  }));
}
