import type { McpServer } from '@modelcontextprotocol/server';
import { ARTIFACT_TYPES } from '../contract/index.js';
import { isFinal, type JobEvent } from '../jobs/port.js';
import { artifactUri, jobUri } from './resources.js';

/** The resources a job event changes: the job's status always, its artifacts when it ends. */
export function changedUris(event: JobEvent): string[] {
  const uris = [jobUri(event.job_id)];
  if (isFinal(event.status)) uris.push(...ARTIFACT_TYPES.map((type) => artifactUri(event.job_id, type)));
  return uris;
}

/**
 * 2025-era `resources/subscribe` on a connection that lives as long as the client (stdio):
 * returns the set of URIs the client follows, kept up to date by the subscribe/unsubscribe requests.
 */
export function acceptLegacySubscriptions(server: McpServer): Set<string> {
  const followed = new Set<string>();
  server.server.setRequestHandler('resources/subscribe', async (request) => {
    followed.add(request.params.uri);
    return {};
  });
  server.server.setRequestHandler('resources/unsubscribe', async (request) => {
    followed.delete(request.params.uri);
    return {};
  });
  return followed;
}
