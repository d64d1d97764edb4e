import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AiosError } from '../contract/index.js';
import type { ApiKeyStore } from '../keys/port.js';
import { KeyNameSchema } from '../keys/store.js';
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

/** `GET|POST /api/admin/keys`, `DELETE /api/admin/keys/:id`, behind `ADMIN_API_KEY`. */
export const adminRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, { keys, adminApiKey }) => {
  app.addHook('onRequest', adminHook(adminApiKey));

  app.get('/api/admin/keys', async () => ({ keys: keys.list() }));

  app.post('/api/admin/keys', async (request, reply) => {
    const raw = request.body ?? bodyFromQuery(request.url);
    const parsed = CreateKeyBodySchema.safeParse(raw);
    if (!parsed.success) throw parsed.error;
    const { key, secret } = await keys.create(parsed.data);
    request.log.info({ key_id: key.id, name: key.name }, 'API key created');
    return reply.code(201).send({
      ...key,
      key: secret,
      message: 'Store this key now: it is shown only once. Send it as "Authorization: Bearer <key>".',
    });
  });

  app.delete('/api/admin/keys/:id', { schema: { params: KeyIdParamsSchema } }, async (request) => {
    const { id } = request.params as z.infer<typeof KeyIdParamsSchema>;
    const key = await keys.revoke(id);
    if (!key) throw new HttpError(404, 'INVALID_INPUT', `id: no API key with id ${id}; GET /api/admin/keys lists them`, { field: 'id' });
    request.log.info({ key_id: key.id }, 'API key revoked');
    return { ...key, revoked: true };
  });
};
