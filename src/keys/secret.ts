import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new API key: 256 random bits, prefixed so that leaked keys are recognisable by scanners. */
export function generateKey(): string {
  return `aios_${randomBytes(32).toString('base64url')}`;
}

/** A new webhook signing secret: 256 random bits, prefixed like the keys so it is recognisable. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * What is stored instead of a key. A fast hash is enough here: the keys are 256-bit random
 * strings, not passwords, so there is nothing to brute-force.
 */
export function hashKey(key: string): string {
  // The one-shot crypto.hash skips building a Hash object: this runs on every authenticated request.
  return hash('sha256', key, 'hex');
}

/** Compares two secrets in constant time (hashing first makes the lengths equal). */
export function secretsMatch(presented: string, expected: string): boolean {
  return timingSafeEqual(hash('sha256', presented, 'buffer'), hash('sha256', expected, 'buffer'));
}
