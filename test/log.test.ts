import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRootLogger, silentLogger } from '../src/log.js';

describe('root logger', () => {
  it('writes JSON lines and never a secret, wherever a log call puts it', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    const log = createRootLogger('debug', out).child({ mod: 't' });
    const secret = 'S3CRET-admin-token-value';
    log.info({ token: secret, config: { admin: { token: secret } }, req: { headers: { authorization: `Bearer ${secret}`, cookie: secret } } }, 'a');
    log.info({ ca: { keyPem: `-----BEGIN PRIVATE KEY-----${secret}`, key: secret }, authorization: secret, password: secret }, 'b');
    await new Promise((r) => setImmediate(r));
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.msg)).toEqual(['a', 'b']);
    expect(lines[0]).toMatchObject({ svc: 'airgap-cache', mod: 't', token: '[redacted]', config: { admin: { token: '[redacted]' } } });
    expect(text).not.toContain(secret);
    expect(text).not.toContain('PRIVATE KEY');
  });

  it('a silent logger writes nothing', () => {
    expect(silentLogger().level).toBe('silent');
  });
});
