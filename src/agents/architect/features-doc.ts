import { lower } from '../english.js';
import { carries, statedFeatures, statedFeaturesSection, type StatedFeature } from '../stated-features.js';
import type { Design } from './design.js';
import { next } from './doc-format.js';

/**
 * Where each feature and service the idea states is built: its table and pages, its role's
 * dashboard, a server function or a front-end component; what the idea puts off is listed as
 * deferred, so nothing it asked for silently disappears from the design.
 */
export function featuresSection(design: Design): string {
  return statedFeaturesSection(design.model, 'Built by', (feature) => builtBy(design, feature), 'no table, endpoint or screen is made for it');
}

function builtBy(design: Design, feature: StatedFeature): string {
  const { integration } = feature;
  if (integration) {
    const functions = design.functions.filter((fn) => fn.integration === integration.kind).map((fn) => `\`${fn.name}\``);
    const where = next(design) ? 'route handlers' : 'Edge Functions';
    return functions.length > 0 ? `${integration.provider}, called from the ${where} ${functions.join(', ')}` : `${integration.provider}, used from the app through the Supabase client`;
  }
  const entity = design.data.tables.find((t) => t.kind === 'entity' && feature.entities.includes(t.singular));
  if (entity) return `the \`public.${entity.name}\` table and its pages, under its row level security`;
  const role = design.data.roles.find((r) => feature.roles.includes(r.name));
  if (role) return `the ${lower(role.label)} dashboard; the database checks the \`${role.name}\` role, not only the interface`;
  return 'a front-end component; it keeps no data of its own';
}

/** The features the architecture carries (or lists as deferred), for the checklist. */
export function carriedFeatures(design: Design, markdown: string): { carried: number; total: number } {
  const features = statedFeatures(design.model);
  const deferredAt = markdown.indexOf('### Deferred');
  const deferredList = deferredAt < 0 ? '' : markdown.slice(deferredAt, markdown.indexOf('\n## ', deferredAt) < 0 ? undefined : markdown.indexOf('\n## ', deferredAt));
  const carried = features.filter((feature) => carries(feature.deferred ? deferredList : markdown, feature)).length;
  return { carried, total: features.length };
}
