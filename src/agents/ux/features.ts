import { lower } from '../english.js';
import { statedFeaturesSection, type StatedFeature } from '../stated-features.js';
import type { UxDocument } from './markdown.js';

/** Screens where each service shows itself to people, by its kind. */
const SERVICE_SCREENS: Partial<Record<string, string[]>> = {
  oauth: ['/login', '/signup'],
  payments: ['/checkout'],
  subscriptions: ['/settings/billing', '/checkout'],
  notifications: ['/notifications', '/settings'],
  email: ['/settings'],
  sms: ['/settings'],
};

/**
 * The screen that carries each feature and service the idea states; what it puts off is listed
 * as deferred, so the design neither drops it nor draws it.
 */
export function featuresSection(doc: UxDocument): string {
  return statedFeaturesSection(doc.model, 'Where people find it', (feature) => placeOf(doc, feature), 'no screen shows it');
}

function placeOf(doc: UxDocument, feature: StatedFeature): string {
  const route = (path: string) => doc.pages.find((page) => page.route === path);
  if (feature.integration) {
    const screens = (SERVICE_SCREENS[feature.integration.kind] ?? []).flatMap((path) => route(path) ?? []);
    return screens.length > 0 ? screens.map((page) => `${page.name} (\`${page.route}\`)`).join(', ') : 'every screen that shows the records it serves';
  }
  const entity = doc.entities.find((e) => feature.entities.includes(e.name));
  if (entity) return `${entity.pluralLabel} (\`${entity.route}\`) and each ${lower(entity.label)}'s details`;
  const role = doc.roles.all.find((r) => feature.roles.includes(r.name));
  if (role) return `the ${lower(role.label)}'s Dashboard (\`/dashboard\`)`;
  return 'the app shell, on every signed-in screen';
}
