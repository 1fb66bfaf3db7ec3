import { describe, expect, it } from 'vitest';
import { tokenAccepted } from '../../src/ops/admin-auth.js';

const token = 'a-long-enough-admin-token';
const basic = (user: string, pass: string): string => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

describe('tokenAccepted', () => {
  it('takes the token as a bearer token or as a Basic password, nothing else', () => {
    expect(tokenAccepted(`Bearer ${token}`, token)).toBe(true);
    expect(tokenAccepted(`bearer ${token}`, token)).toBe(true);
    expect(tokenAccepted(basic('admin', token), token)).toBe(true);
    expect(tokenAccepted(basic('', token), token)).toBe(true);
    expect(tokenAccepted(undefined, token)).toBe(false);
    expect(tokenAccepted(`Bearer ${token}x`, token)).toBe(false);
    expect(tokenAccepted(`Bearer ${token.slice(1)}`, token)).toBe(false);
    expect(tokenAccepted(basic(token, 'x'), token)).toBe(false);
    expect(tokenAccepted(`Token ${token}`, token)).toBe(false);
    expect(tokenAccepted(`Basic ${Buffer.from(token).toString('base64')}`, token)).toBe(false);
  });

  it('asks for nothing when no token is configured', () => {
    expect(tokenAccepted(undefined, '')).toBe(true);
  });
});
