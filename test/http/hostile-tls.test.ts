// TLS junk on the HTTPS door: garbage instead of a ClientHello, no SNI, an SNI no group serves,
// a truncated ClientHello. Each handshake fails cleanly, no certificate is minted for a name the
// configuration does not serve, and a good client is served between them.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAppliance } from '../../src/appliance.js';
import { testAppliance } from '../helpers/appliance.js';
import { tlsGet } from '../helpers/tls-client.js';

const root = mkdtempSync(join(tmpdir(), 'agc-hostile-tls-'));
let app: RunningAppliance;
beforeAll(async () => {
  app = await testAppliance({ dataDir: join(root, 'data'), certsDir: join(root, 'certs') });
});
afterAll(async () => {
  await app.close();
  rmSync(root, { recursive: true, force: true });
});

/** Raw bytes to the TLS door; resolves with what came back once the door closes (or 3 s pass). */
function rawTls(bytes: Buffer): Promise<{ reply: Buffer; closed: boolean }> {
  return new Promise((resolve) => {
    const s = connect(app.ports.https, '127.0.0.1', () => s.write(bytes));
    const parts: Buffer[] = [];
    const timer = setTimeout(() => {
      s.destroy();
      resolve({ reply: Buffer.concat(parts), closed: false });
    }, 3_000);
    s.on('data', (d: Buffer) => parts.push(d));
    s.on('error', () => undefined);
    s.on('close', () => {
      clearTimeout(timer);
      resolve({ reply: Buffer.concat(parts), closed: true });
    });
  });
}

function handshake(servername: string | undefined): Promise<string> {
  return new Promise((resolve) => {
    const s = tlsConnect({ host: '127.0.0.1', port: app.ports.https, ca: app.ca.certPem, ...(servername === undefined ? {} : { servername }) }, () => {
      s.destroy();
      resolve('ok');
    });
    s.on('error', (err) => resolve(err.message));
  });
}

const leaves = (): string[] => readdirSync(join(root, 'certs', 'leaf')).filter((n) => n.endsWith('.crt'));
const goodClientServed = async (): Promise<void> => {
  const r = await tlsGet({ port: app.ports.https, servername: 'archive.ubuntu.com', ca: app.ca.certPem, path: '/ubuntu/nothing-here' });
  expect(r.response).toMatch(/^HTTP\/1\.1 404 /);
};

describe('TLS junk', () => {
  it('garbage instead of a ClientHello: closed, no certificate, others served', async () => {
    for (const junk of [Buffer.from('GET / HTTP/1.1\r\nHost: archive.ubuntu.com\r\n\r\n'), Buffer.alloc(4096, 0xff), Buffer.from([0x16, 0x03, 0x01, 0xff, 0xff, 0x01])]) {
      const r = await rawTls(junk);
      expect(r.closed || r.reply.length === 0).toBe(true);
      expect(r.reply.includes(Buffer.from('BEGIN CERTIFICATE'))).toBe(false);
    }
    await goodClientServed();
  });

  it('no SNI, an SNI no group serves, and an IP literal: the handshake fails and no leaf is minted for them', async () => {
    const before = leaves();
    for (const name of [undefined, 'www.example.com', 'evil.archive.ubuntu.com.attacker.net', 'localhost']) {
      expect(await handshake(name)).not.toBe('ok');
    }
    expect(await handshake('127.0.0.1')).not.toBe('ok');
    expect(leaves().filter((n) => !before.includes(n))).toEqual([]);
    await goodClientServed();
    expect(leaves()).toContain('archive.ubuntu.com.crt');
  });
});
