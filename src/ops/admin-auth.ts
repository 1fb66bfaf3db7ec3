// The admin token check: `Authorization: Bearer TOKEN` (Prometheus, curl) or HTTP Basic with the
// token as the password (a browser asks for it by itself). Compared in constant time, on digests
// so that the length of the token leaks nothing either.
import { createHash, timingSafeEqual } from 'node:crypto';

export function tokenAccepted(authorization: string | undefined, token: string): boolean {
  if (token === '') return true;
  const offered = offeredToken(authorization);
  if (offered === undefined) return false;
  return timingSafeEqual(digest(offered), digest(token));
}

function offeredToken(authorization: string | undefined): string | undefined {
  const m = /^(bearer|basic)\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m) return undefined;
  if (m[1]!.toLowerCase() === 'bearer') return m[2];
  const decoded = Buffer.from(m[2]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : decoded.slice(colon + 1);
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/** What a 401 says: browsers show a password prompt for Basic, API clients see Bearer works too. */
export const challenge = 'Basic realm="airgap-cache admin", charset="UTF-8"';
