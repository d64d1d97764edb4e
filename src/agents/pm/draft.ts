import type { Priority } from '../../contract/index.js';

/**
 * Epics and stories before numbering. A story carries the requirements it delivers, so that
 * functional requirements are numbered in delivery order and every story points at real ids.
 */
export interface DraftRequirement {
  /** Stable key ("entity:task:create", "integration:email") that several stories may share. */
  key: string;
  description: string;
  priority: Priority;
}

export interface DraftStory {
  title: string;
  as_a: string;
  i_want: string;
  so_that: string;
  acceptance_criteria: string[];
  covers: DraftRequirement[];
}

export interface DraftEpic {
  title: string;
  goal: string;
  stories: DraftStory[];
}
