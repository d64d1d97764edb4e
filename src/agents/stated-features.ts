import { unique } from './english.js';
import { table } from './markdown-table.js';
import type { IntegrationSpec, ProductModel } from './model.js';
import { integrationLabel } from './reader/integrations.js';

/**
 * What the idea says people can do or see (the model's `features`: a heatmap, a floor plan,
 * drag and drop) and the services it asks for (its `integrations`: sign-in with Google, live
 * updates), as one list every document accounts for: the PRD, the architecture and the UX
 * specification each carry every item, or list it as deferred.
 */
export interface StatedFeature {
  /** As the reading says it: "see floor plan", "GitHub-style heatmap", "Social sign-in with Google". */
  text: string;
  /** The idea puts it off ("maybe later"): the documents list it as deferred, not as planned. */
  deferred: boolean;
  roles: string[];
  entities: string[];
  integration?: IntegrationSpec;
}

/** "Social sign-in with Google", "Live updates with Supabase Realtime". */
export function integrationFeature(integration: Pick<IntegrationSpec, 'kind' | 'provider'>): string {
  return `${integrationLabel(integration.kind)} with ${integration.provider}`;
}

export function statedFeatures(model: ProductModel): StatedFeature[] {
  const features = model.features.map((feature) => ({
    text: feature.text,
    deferred: feature.priority === 'wont',
    roles: [...feature.roles],
    entities: [...feature.entities],
  }));
  const services = model.integrations.map((integration) => ({ text: integrationFeature(integration), deferred: false, roles: [], entities: [], integration }));
  return unique([...features, ...services], (feature) => feature.text);
}

/** Lower case, with hyphens and punctuation as spaces: "GitHub-style heatmap" → "github style heatmap". */
const plain = (text: string): string => ` ${text.toLowerCase().replace(/[^a-z0-9']+/g, ' ').trim()} `;

/**
 * True when the text carries the feature: its words in order, or for a service its provider and
 * its kind on one line ("Live updates through Supabase Realtime", "Sign in with Google (OAuth)").
 */
export function carries(text: string, feature: StatedFeature): boolean {
  if (plain(text).includes(plain(feature.text))) return true;
  const { integration } = feature;
  if (!integration) return false;
  const names = [integrationLabel(integration.kind), integration.kind.replace(/_/g, ' ')].map((name) => name.toLowerCase());
  return text.split('\n').some((line) => line.includes(integration.provider) && names.some((name) => line.toLowerCase().includes(name)));
}

/**
 * A document's "Stated Features" section: a table of the planned features with where the document
 * carries each (`column`, `where`), then the deferred ones, each with what that means for the document.
 */
export function statedFeaturesSection(model: ProductModel, column: string, where: (feature: StatedFeature) => string, deferredMeans: string): string {
  const features = statedFeatures(model);
  if (features.length === 0) return '';
  const planned = features.filter((feature) => !feature.deferred);
  const deferred = features.filter((feature) => feature.deferred);
  return [
    '### Stated Features',
    '',
    planned.length > 0 ? table(['Feature', column], planned.map((feature) => [feature.text, where(feature)])) : 'Every feature the spec names is deferred (below).',
    ...(deferred.length > 0 ? ['', '### Deferred', '', ...deferred.map((feature) => `- ${feature.text}: the spec puts it off, so ${deferredMeans} in this release.`)] : []),
  ].join('\n');
}
