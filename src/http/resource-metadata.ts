import type { FastifyPluginAsync, FastifyRequest, onRequestHookHandler } from 'fastify';
import { baseUrl } from './job-view.js';

/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728) for `/mcp`, unauthenticated: what an MCP client
 * reads when `/mcp` answers 401, named in the challenge as `resource_metadata`. It says that the
 * resource takes a bearer token in the `Authorization` header and names no authorization server:
 * API keys are the only credential until OAuth lands, and this document is where that work will
 * list its servers (`authorization_servers`).
 */
export interface ResourceMetadataOptions {
  publicUrl: string | undefined;
  /** Where people read how to use the service (`MCP_DOCUMENTATION_URL`); left out when not set. */
  documentationUrl: string | undefined;
  /** /mcp's Host check (DNS rebinding): the document names /mcp from the request's Host when PUBLIC_URL is unset. */
  guardHost: onRequestHookHandler;
}

/** RFC 9728's well-known path; a resource with a path has its document at this path plus its own. */
export const RESOURCE_METADATA_PATH = '/.well-known/oauth-protected-resource';

/** `/mcp` as the caller reaches it: under PUBLIC_URL, or the address the caller used. */
export function mcpResource(request: FastifyRequest, publicUrl: string | undefined): string {
  return `${baseUrl(request, publicUrl)}/mcp`;
}

/** Where the metadata of `resource` is served (RFC 9728 section 3.1): the well-known path goes between host and path. */
export function resourceMetadataUrl(resource: string): string {
  const url = new URL(resource);
  return `${url.origin}${RESOURCE_METADATA_PATH}${url.pathname === '/' ? '' : url.pathname}`;
}

export const resourceMetadataRoutes: FastifyPluginAsync<ResourceMetadataOptions> = async (app, options) => {
  const answer = async (request: FastifyRequest) => ({
    resource: mcpResource(request, options.publicUrl),
    resource_name: 'AIOS product team (MCP)',
    bearer_methods_supported: ['header'],
    ...(options.documentationUrl ? { resource_documentation: options.documentationUrl } : {}),
  });
  for (const url of [`${RESOURCE_METADATA_PATH}/mcp`, RESOURCE_METADATA_PATH]) {
    app.get(url, {
      onRequest: options.guardHost,
      // A public document, read by browser-based clients (the Inspector's web UI) too.
      onSend: async (_request, reply) => {
        reply.header('access-control-allow-origin', '*');
      },
      handler: answer,
    });
  }
};
