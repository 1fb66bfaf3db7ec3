// Secrets: the CA key and leaf keys are 0600 on disk, no door serves them (nor the admin token),
// and the token never reaches the log, whatever a client sends.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppliance, type RunningAppliance } from '../../src/appliance.js';
import { configSchema, type Config } from '../../src/config/schema.js';
import { createRootLogger } from '../../src/log.js';

const TOKEN = 'adm1n-t0ken-that-must-stay-secret';
const root = mkdtempSync(join(tmpdir(), 'agc-secrets-'));
const logLines: string[] = [];
let app: RunningAppliance;
let config: Config;

beforeAll(async () => {
  config = configSchema.parse({
    dataDir: join(root, 'data'),
    certsDir: join(root, 'certs'),
    listen: '127.0.0.1',
    ports: { http: 0, https: 0, dns: 0 },
    admin: { listen: '127.0.0.1:0', token: TOKEN },
  });
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logLines.push(chunk.toString());
      cb();
    },
  });
  app = await startAppliance(config, createRootLogger('trace', sink));
});
afterAll(async () => {
  await app.close();
  rmSync(root, { recursive: true, force: true });
});

function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(request));
    let out = '';
    s.on('data', (d: Buffer) => (out += d.toString('latin1')));
    s.on('close', () => resolve(out));
    s.on('error', reject);
  });
}

function overTls(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = tlsConnect({ port: app.ports.https, host: '127.0.0.1', servername: 'images.maas.io', rejectUnauthorized: false }, () =>
      s.write(`GET ${path} HTTP/1.1\r\nHost: images.maas.io\r\nAuthorization: Bearer ${TOKEN}\r\nConnection: close\r\n\r\n`),
    );
    let out = '';
    s.on('data', (d: Buffer) => (out += d.toString('latin1')));
    s.on('close', () => resolve(out));
    s.on('error', reject);
  });
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

const keyPaths = ['/airgap-cache/ca.key', '/airgap-cache/../ca.key', '/airgap-cache/%2e%2e/ca.key', '/airgap-cache/ca.key.next', '/ca.key', '/certs/ca.key', '/airgap-cache/leaf/leaf.key', '/%2e%2e/%2e%2e/certs/ca.key'];

describe('secrets', () => {
  it('keeps every private key 0600, the CA key and the leaves minted on demand alike', async () => {
    expect(await overTls('/airgap-cache/ca.crt')).toContain('BEGIN CERTIFICATE');
    const keys = files(config.certsDir).filter((f) => f.endsWith('.key'));
    expect(keys.length).toBeGreaterThanOrEqual(2); // ca.key and images.maas.io's leaf
    for (const k of keys) expect({ k, mode: statSync(k).mode & 0o777 }).toEqual({ k, mode: 0o600 });
  });

  it('serves no key on the plain or TLS door, whatever the path, and the CA certificate only', async () => {
    for (const host of ['images.maas.io', '127.0.0.1', 'archive.ubuntu.com']) {
      for (const path of keyPaths) {
        const out = await raw(app.ports.http, `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
        expect(out).toMatch(/^HTTP\/1\.1 [45]\d\d /);
        expect(out).not.toContain('PRIVATE KEY');
      }
    }
    for (const path of keyPaths) expect(await overTls(path)).not.toContain('PRIVATE KEY');
    expect(await raw(app.ports.http, 'GET /airgap-cache/ca.crt HTTP/1.1\r\nHost: images.maas.io\r\nConnection: close\r\n\r\n')).not.toContain('PRIVATE KEY');
  });

  it('never shows the admin token or a key on the admin door, and asks for the token', async () => {
    const denied = await raw(app.ports.admin, 'GET /status.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(denied).toMatch(/^HTTP\/1\.1 401 /);
    for (const path of ['/', '/status.json', '/metrics', '/misses.yaml', ...keyPaths]) {
      const out = await raw(app.ports.admin, `GET ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nConnection: close\r\n\r\n`);
      expect(out).not.toContain(TOKEN);
      expect(out).not.toContain('PRIVATE KEY');
    }
    const wrong = await raw(app.ports.admin, `GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN.slice(0, -1)}X\r\nConnection: close\r\n\r\n`);
    expect(wrong).toMatch(/^HTTP\/1\.1 401 /);
    expect(wrong).not.toContain(TOKEN.slice(0, -1));
  });

  it('never writes the token or a key to the log (trace level, after all of the above)', () => {
    const all = logLines.join('');
    expect(all.length).toBeGreaterThan(1000);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('PRIVATE KEY');
  });

  it('refuses to start when the CA key has become readable by others', async () => {
    const key = join(config.certsDir, 'ca.key');
    chmodSync(key, 0o644);
    try {
      await expect(startAppliance({ ...config, dataDir: join(root, 'data2') }, createRootLogger('silent'))).rejects.toThrow(/readable by others.*chmod 600/);
    } finally {
      chmodSync(key, 0o600);
    }
  });
});
