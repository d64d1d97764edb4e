import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AiosError } from '../contract/index.js';
import type { ApiKeyStore } from '../keys/port.js';
import { DEFAULT_ROTATION_GRACE_MS, KeyNameSchema } from '../keys/store.js';
import { adminHook } from './auth.js';
import { HttpError } from './errors.js';

export interface AdminRoutesOptions {
  keys: ApiKeyStore;
  adminApiKey: string | undefined;
}

const CreateKeyBodySchema = z.object({
  name: KeyNameSchema,
  requests_per_minute: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000).optional(),
  requests_per_day: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100_000_000).optional(),
});

const KeyIdParamsSchema = z.object({ id: z.string().min(1).max(200) });

const RotateBodySchema = z
  .object({
    grace_seconds: z.number().int('must be a whole number').min(0, 'must be at least 0').max(30 * 86_400, 'must be at most 2592000 (30 days)').optional(),
  })
  .optional();

/**
 * The guide's curl (`-d '{...}' -G -d "admin_key=..."`) sends its JSON in the query string, not
 * the body; accept that form so the documented command works as written.
 */
function bodyFromQuery(rawUrl: string): unknown {
  const query = rawUrl.split('?')[1];
  if (!query) return undefined;
  for (const part of query.split('&')) {
    let text: string;
    try {
      text = decodeURIComponent(part.replace(/=$/, ''));
    } catch {
      throw new AiosError('INVALID_INPUT', '(query): a %-escape in the query string is malformed (such as %ZZ); send the JSON as the request body');
    }
    if (text.startsWith('{')) {
      try {
        return JSON.parse(text);
      } catch {
        throw new AiosError('INVALID_INPUT', '(body): the JSON in the query string does not parse; send it as the request body');
      }
    }
  }
  return undefined;
}

/** `GET|POST /api/admin/keys`, `DELETE /api/admin/keys/:id`, `POST /api/admin/keys/:id/webhook-secret`, behind `ADMIN_API_KEY`. */
export const adminRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, { keys, adminApiKey }) => {
  app.addHook('onRequest', adminHook(adminApiKey));

  app.get('/api/admin/keys', async () => ({ keys: keys.list() }));

  app.post('/api/admin/keys', async (request, reply) => {
    const raw = request.body ?? bodyFromQuery(request.url);
    const parsed = CreateKeyBodySchema.safeParse(raw);
    if (!parsed.success) throw parsed.error;
    const { key, secret, webhookSecret } = await keys.create(parsed.data);
    request.log.info({ key_id: key.id, name: key.name }, 'API key created');
    return reply.code(201).send({
      ...key,
      key: secret,
      webhook_secret: webhookSecret,
      message:
        'Store this key and its webhook secret now: they are shown only once. Send the key as "Authorization: Bearer <key>"; check webhooks with verifyWebhook(rawBody, headers, webhook_secret).',
    });
  });

  // The old secret keeps signing (a second signature) during the grace period, so receivers can switch over.
  app.post('/api/admin/keys/:id/webhook-secret', { schema: { params: KeyIdParamsSchema } }, async (request) => {
    const { id } = request.params as z.infer<typeof KeyIdParamsSchema>;
    const parsed = RotateBodySchema.safeParse(request.body);
    if (!parsed.success) throw parsed.error;
    const graceMs = parsed.data?.grace_seconds === undefined ? DEFAULT_ROTATION_GRACE_MS : parsed.data.grace_seconds * 1_000;
    const rotated = await keys.rotateWebhookSecret(id, graceMs);
    if (!rotated) throw new HttpError(404, 'INVALID_INPUT', `id: no API key with id ${id}; GET /api/admin/keys lists them`, { field: 'id' });
    request.log.info({ key_id: id, grace_ms: graceMs }, 'webhook secret rotated');
    return {
      ...rotated,
      message: 'Store this webhook secret now: it is shown only once.',
    };
  });

  app.delete('/api/admin/keys/:id', { schema: { params: KeyIdParamsSchema } }, async (request) => {
    const { id } = request.params as z.infer<typeof KeyIdParamsSchema>;
    const key = await keys.revoke(id);
    if (!key) throw new HttpError(404, 'INVALID_INPUT', `id: no API key with id ${id}; GET /api/admin/keys lists them`, { field: 'id' });
    request.log.info({ key_id: key.id }, 'API key revoked');
    return { ...key, revoked: true };
  });
};
