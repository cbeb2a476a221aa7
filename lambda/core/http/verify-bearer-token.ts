// Constant-time bearer token check for the ingest endpoint. Pure: node:crypto only.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * True when the Authorization header carries `Bearer <token>`. Both sides are hashed first, so the
 * comparison takes the same time whatever the length or content of the guess.
 *
 * @example
 * verifyBearerToken('Bearer s3cret', 's3cret') //=> true
 * verifyBearerToken('Bearer nope', 's3cret') //=> false
 */
export function verifyBearerToken(authorization: string | null, token: string): boolean {
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '');
  const given = m?.[1] ?? '';
  const ok = timingSafeEqual(digest(given), digest(token));
  return ok && given.length > 0;
}
