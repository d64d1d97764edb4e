import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedHeaders, verifyWebhook } from '../../src/webhooks/signature.js';

const SECRET = 'whsec_test_secret_0123456789abcdef';
const BODY = JSON.stringify({ event: 'job.completed', job_id: 'abc', status: 'completed', progress: 100, timestamp: '2026-01-01T00:00:00.000Z' });

/** The contract's signature computed independently of the service's code. */
function hmac(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

describe('webhook signatures', () => {
  it('signs timestamp + "." + raw body with HMAC-SHA256, as the contract states', () => {
    const headers = signedHeaders([SECRET], BODY, 1_800_000_000);
    expect(headers['X-AIOS-Timestamp']).toBe('1800000000');
    expect(headers['X-AIOS-Signature']).toBe(hmac(SECRET, '1800000000', BODY));
  });

  it('verifyWebhook accepts a genuine delivery, with Node or fetch headers', () => {
    const now = Math.floor(Date.now() / 1000);
    const headers = signedHeaders([SECRET], BODY, now);
    const node = { 'x-aios-timestamp': headers['X-AIOS-Timestamp'], 'x-aios-signature': headers['X-AIOS-Signature'] };
    expect(verifyWebhook(BODY, node, SECRET)).toBe(true);
    expect(verifyWebhook(Buffer.from(BODY), new Headers(headers), SECRET)).toBe(true);
  });

  it('verifyWebhook rejects a wrong secret, a changed body and a stale or missing timestamp', () => {
    const now = Math.floor(Date.now() / 1000);
    const headers = signedHeaders([SECRET], BODY, now);
    expect(verifyWebhook(BODY, headers, 'whsec_another_secret_0123456789')).toBe(false);
    expect(verifyWebhook(BODY.replace('completed', 'failed'), headers, SECRET)).toBe(false);
    const stale = signedHeaders([SECRET], BODY, now - 301);
    expect(verifyWebhook(BODY, stale, SECRET)).toBe(false);
    expect(verifyWebhook(BODY, signedHeaders([SECRET], BODY, now - 299), SECRET)).toBe(true);
    expect(verifyWebhook(BODY, signedHeaders([SECRET], BODY, now + 301), SECRET)).toBe(false);
    expect(verifyWebhook(BODY, { 'x-aios-signature': headers['X-AIOS-Signature'] }, SECRET)).toBe(false);
    expect(verifyWebhook(BODY, { ...headers, 'X-AIOS-Timestamp': `${now}.5` }, SECRET)).toBe(false);
    expect(verifyWebhook(BODY, headers, '')).toBe(false);
  });

  it('during a rotation the header carries one signature per secret, and either secret verifies', () => {
    const now = Math.floor(Date.now() / 1000);
    const headers = signedHeaders(['whsec_new_secret_0123456789abcd', SECRET], BODY, now);
    expect(headers['X-AIOS-Signature']!.split(', ')).toEqual([hmac('whsec_new_secret_0123456789abcd', String(now), BODY), hmac(SECRET, String(now), BODY)]);
    expect(verifyWebhook(BODY, headers, SECRET)).toBe(true);
    expect(verifyWebhook(BODY, headers, 'whsec_new_secret_0123456789abcd')).toBe(true);
    expect(verifyWebhook(BODY, headers, 'whsec_third_secret_0123456789ab')).toBe(false);
  });
});
