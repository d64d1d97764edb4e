import { request } from 'node:http';
import { discoverOAuthProtectedResourceMetadata as discoverV2, extractWWWAuthenticateParams } from '@modelcontextprotocol/client';
import { discoverOAuthProtectedResourceMetadata as discoverV1, extractResourceMetadataUrl } from '@modelcontextprotocol/sdk/client/auth.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startServer, testConfig, type Server } from './support.js';

/**
 * `/mcp`'s 401 names its OAuth Protected Resource Metadata (RFC 9728), which is served without a
 * key and read by both MCP SDKs' own discovery: a bearer token in the header, no authorization
 * server (API keys are the only credential), so clients need not guess at an OAuth flow.
 */
let local: Server;
let behindProxy: Server;

beforeAll(async () => {
  local = await startServer(await testConfig());
  behindProxy = await startServer(await testConfig({ PUBLIC_URL: 'https://aios.example.com', MCP_DOCUMENTATION_URL: 'https://docs.example.com/aios#mcp' }));
});
afterAll(async () => {
  for (const server of [local, behindProxy]) {
    await server.close();
    await removeDataDir(server.config);
  }
});

const unauthorized = (server: Server, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });

/** A GET through node:http, which (unlike fetch) lets a test send any Host header. */
function rawGet(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    request({ host: target.hostname, port: target.port, path: target.pathname, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe('OAuth Protected Resource Metadata for /mcp', () => {
  it('names the document in the 401 challenge, as both SDKs read it', async () => {
    const response = await unauthorized(local);
    expect(response.status).toBe(401);
    const metadata = `${local.url}/.well-known/oauth-protected-resource/mcp`;
    expect(response.headers.get('www-authenticate')).toContain(`resource_metadata="${metadata}"`);
    expect(extractResourceMetadataUrl(response)?.href).toBe(metadata);
    expect(extractWWWAuthenticateParams(response)).toMatchObject({ resourceMetadataUrl: new URL(metadata) });
    expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it('says invalid_token only when a token was sent and is wrong (RFC 6750 section 3.1)', async () => {
    // No credentials (or another scheme): no error attribute, so a client knows to ask for a token rather than that its token failed.
    for (const headers of [{}, { authorization: 'Basic dXNlcjpwYXNz' }] as Array<Record<string, string>>) {
      const challenge = (await unauthorized(local, headers)).headers.get('www-authenticate')!;
      expect(challenge).toMatch(/^Bearer realm="aios-mcp", resource_metadata="[^"]+"$/);
      expect(extractWWWAuthenticateParams(new Response(null, { status: 401, headers: { 'www-authenticate': challenge } })).error).toBeUndefined();
    }
    // A wrong key, as a bearer token or as ?api_key= (which /mcp takes as /api does).
    for (const [path, headers] of [['/mcp', { authorization: 'Bearer aios_not-a-real-key' }], ['/mcp?api_key=aios_not-a-real-key', {}]] as const) {
      const response = await fetch(`${local.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body: '{}' });
      expect(response.status).toBe(401);
      expect(extractWWWAuthenticateParams(response)).toMatchObject({ error: 'invalid_token' });
      expect(response.headers.get('www-authenticate')).toContain('error_description="the API key is not valid or has been revoked"');
    }
  });

  it('serves it without a key, as both SDKs discover it from the /mcp URL and from the challenge', async () => {
    const expected = { resource: `${local.url}/mcp`, bearer_methods_supported: ['header'], resource_name: expect.any(String) };
    const resourceMetadataUrl = extractResourceMetadataUrl(await unauthorized(local))!;
    for (const found of [
      await discoverV1(`${local.url}/mcp`),
      await discoverV1(`${local.url}/mcp`, { resourceMetadataUrl }),
      await discoverV2(`${local.url}/mcp`),
      await discoverV2(`${local.url}/mcp`, { resourceMetadataUrl }),
    ]) {
      expect(found).toMatchObject(expected);
      // No authorization server until OAuth lands: an API key is the bearer token.
      expect(found.authorization_servers).toBeUndefined();
    }
    const root = await fetch(`${local.url}/.well-known/oauth-protected-resource`);
    expect(root.status).toBe(200);
    expect(root.headers.get('access-control-allow-origin')).toBe('*');
    expect(await root.json()).toMatchObject(expected);
  });

  it('names the public /mcp under PUBLIC_URL, with MCP_DOCUMENTATION_URL as its documentation', async () => {
    const response = await unauthorized(behindProxy);
    expect(extractResourceMetadataUrl(response)?.href).toBe('https://aios.example.com/.well-known/oauth-protected-resource/mcp');
    const document = await (await fetch(`${behindProxy.url}/.well-known/oauth-protected-resource/mcp`)).json();
    expect(document).toEqual({
      resource: 'https://aios.example.com/mcp',
      resource_name: 'AIOS product team (MCP)',
      bearer_methods_supported: ['header'],
      resource_documentation: 'https://docs.example.com/aios#mcp',
    });
  });

  it('keeps /mcp\'s Host check (DNS rebinding): a foreign Host is refused, the public one served', async () => {
    for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']) {
      expect(await rawGet(`${local.url}${path}`, 'evil.example.com')).toBe(403);
      expect(await rawGet(`${behindProxy.url}${path}`, 'aios.example.com')).toBe(200);
    }
  });
});
