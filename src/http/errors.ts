import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AiosError, invalidInput, type ErrorBody, type ErrorCode } from '../contract/index.js';

export const BODY_LIMIT_BYTES = 1_048_576;

/** An AiosError answered with a status other than its code's (a 404 route is still an input error). */
export class HttpError extends AiosError {
  constructor(
    private readonly httpStatus: number,
    code: ErrorCode,
    message: string,
    details?: unknown,
  ) {
    super(code, message, details);
  }

  override get status(): number {
    return this.httpStatus;
  }
}

/** Maps anything thrown while serving a request to a contract error; unknown errors become INTERNAL_ERROR. */
export function toAiosError(error: unknown): AiosError {
  if (error instanceof AiosError) return error;
  if (error instanceof z.ZodError) return invalidInput(error);
  const fastify = error as Partial<FastifyError> & { validationContext?: string };
  switch (fastify.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AiosError('PAYLOAD_TOO_LARGE', `the request body is over ${BODY_LIMIT_BYTES} bytes (1 MB); send less`, {
        limit_bytes: BODY_LIMIT_BYTES,
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AiosError('INVALID_INPUT', '(body): send JSON with the header Content-Type: application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AiosError('INVALID_INPUT', '(body): the body is empty; send a JSON object');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AiosError('INVALID_INPUT', '(body): not valid JSON; send one JSON value with the header Content-Type: application/json');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AiosError('INVALID_INPUT', '(body): Content-Length does not match the body sent');
    default:
      break;
  }
  if (error instanceof SyntaxError && fastify.statusCode === 400) {
    return new AiosError('INVALID_INPUT', `(body): not valid JSON (${error.message})`);
  }
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return new HttpError(fastify.statusCode, 'INVALID_INPUT', fastify.message ?? 'the request is not valid');
  }
  return new AiosError('INTERNAL_ERROR', 'something went wrong on our side; quote the request_id when reporting it');
}

export function errorBody(error: AiosError, requestId: string): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
      request_id: requestId,
    },
  };
}

/** The one error handler: every failure leaves in the contract's shape, with the request id. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const aios = toAiosError(error);
  if (aios.status >= 500) request.log.error({ err: error }, 'request failed: %s', aios.message);
  else request.log.info({ code: aios.code }, 'request refused: %s', aios.message);
  if (aios.code === 'RATE_LIMITED' && isRecord(aios.details) && typeof aios.details.retry_after_seconds === 'number') {
    reply.header('retry-after', String(aios.details.retry_after_seconds));
  }
  return reply.code(aios.status).send(errorBody(aios, request.id));
}

/** Unknown routes: a 404 in the contract's shape. */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0] ?? '';
  return handleError(
    new HttpError(404, 'INVALID_INPUT', `no route ${request.method} ${path}; see the REST API in the README`),
    request,
    reply,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * What the HTTP parser refuses before Fastify sees a request (a body not received in time, headers
 * too large, bytes that are not HTTP): the contract's shape too, with a request id in the body and
 * in `X-Request-Id`, then the connection is closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket, timeouts: { headersMs: number; requestMs: number }): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  let refused: HttpError;
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    refused = new HttpError(
      408,
      'INVALID_INPUT',
      `the request was not received in time: headers within ${timeouts.headersMs} ms, the whole request within ${timeouts.requestMs} ms`,
      { headers_timeout_ms: timeouts.headersMs, request_timeout_ms: timeouts.requestMs },
    );
  } else if (error.code === 'HPE_HEADER_OVERFLOW') {
    refused = new HttpError(431, 'INVALID_INPUT', 'the request headers are too large (16 KB at most)');
  } else {
    refused = new HttpError(400, 'INVALID_INPUT', 'the request is not valid HTTP');
  }
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const id = randomUUID();
  const body = JSON.stringify(errorBody(refused, id));
  socket.end(
    `HTTP/1.1 ${refused.status} ${STATUS_CODES[refused.status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${id}\r\nConnection: close\r\n\r\n${body}`,
  );
}
