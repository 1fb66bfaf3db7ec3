// Slowloris and idle floods: 1000 connections, half sending their headers a byte a second and
// half sending nothing, spread over ten client addresses (the per-client cap is not what saves
// the door here). Another client is served promptly throughout, and every slow connection is cut
// once http.headersTimeoutMs has passed.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAppliance } from '../../src/appliance.js';
import { configSchema } from '../../src/config/schema.js';
import { testAppliance } from '../helpers/appliance.js';
import { entry, writeBlob } from '../store/contract.js';

const BODY = Buffer.from('served while the door is under a slowloris\n');
const HEADERS_TIMEOUT_MS = 3_000;
const dataDir = mkdtempSync(join(tmpdir(), 'agc-slowloris-'));
let app: RunningAppliance;

beforeAll(async () => {
  const http = configSchema.parse({}).http;
  app = await testAppliance({ dataDir, http: { ...http, headersTimeoutMs: HEADERS_TIMEOUT_MS, requestTimeoutMs: 2 * HEADERS_TIMEOUT_MS } });
  await writeBlob(app.store, BODY);
  app.store.commit([entry('maas-images', '/slow/ok', BODY)]);
});
afterAll(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function open(port: number, localAddress: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1', localAddress }, () => resolve(s));
    s.once('error', reject);
    s.resume(); // read whatever the door says (a 408), or 'close' would wait behind it
  });
}

/** One complete request from 127.0.0.1 on a fresh connection; resolves with the answer and its time. */
function fetchOk(): Promise<{ text: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const s = connect(app.ports.http, '127.0.0.1', () => s.write('GET /slow/ok HTTP/1.1\r\nHost: images.maas.io\r\nConnection: close\r\n\r\n'));
    let text = '';
    s.on('data', (d: Buffer) => (text += d.toString()));
    s.on('close', () => resolve({ text, ms: performance.now() - t0 }));
    s.on('error', reject);
  });
}

describe('slowloris and idle floods', () => {
  it('keeps serving another client while 1000 connections dawdle, then cuts all of them', { timeout: 60_000 }, async () => {
    const slow: Socket[] = [];
    const closedAt = new Map<Socket, number>();
    for (let i = 0; i < 1000; i++) {
      const s = await open(app.ports.http, `127.0.0.${2 + (i % 10)}`);
      s.on('error', () => undefined);
      s.once('close', () => closedAt.set(s, performance.now()));
      slow.push(s);
    }
    const opened = performance.now();
    const request = 'GET /slow/ok HTTP/1.1\r\nHost: images.maas.io\r\nX-Padding: ' + 'p'.repeat(200) + '\r\n\r\n';
    let sent = 0;
    const drip = setInterval(() => {
      for (let i = 0; i < slow.length; i += 2) if (!slow[i]!.destroyed) slow[i]!.write(request[sent % request.length]!);
      sent++;
    }, 1_000);
    try {
      const answers: { text: string; ms: number }[] = [];
      while (performance.now() - opened < HEADERS_TIMEOUT_MS - 500) answers.push(await fetchOk());
      expect(answers.length).toBeGreaterThan(5);
      for (const a of answers) {
        expect(a.text).toMatch(/^HTTP\/1\.1 200 /);
        expect(a.text.endsWith(BODY.toString())).toBe(true);
      }
      expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(1_000);

      // Every slow connection is cut soon after the headers timeout (checked every 750 ms here).
      const deadline = opened + HEADERS_TIMEOUT_MS + 10_000;
      while (closedAt.size < slow.length && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const open = slow.flatMap((s, i) => (closedAt.has(s) ? [] : [`#${i} ${s.localAddress}:${s.localPort} wrote ${s.bytesWritten} read ${s.bytesRead}`]));
      expect(open).toEqual([]);
      const earliest = Math.min(...closedAt.values()) - opened;
      expect(earliest).toBeGreaterThan(HEADERS_TIMEOUT_MS - 1_000);
      expect(await fetchOk()).toMatchObject({ text: expect.stringMatching(/^HTTP\/1\.1 200 /) });
    } finally {
      clearInterval(drip);
      for (const s of slow) s.destroy();
    }
  });

  it('cuts TLS connections that never send a ClientHello after the headers timeout, serving others meanwhile', { timeout: 60_000 }, async () => {
    const silent: Socket[] = [];
    const closedAt = new Map<Socket, number>();
    for (let i = 0; i < 500; i++) {
      const s = await open(app.ports.https, `127.0.0.${12 + (i % 5)}`);
      s.on('error', () => undefined);
      s.once('close', () => closedAt.set(s, performance.now()));
      silent.push(s);
    }
    const opened = performance.now();
    try {
      expect((await fetchOk()).text).toMatch(/^HTTP\/1\.1 200 /);
      const deadline = opened + HEADERS_TIMEOUT_MS + 10_000;
      while (closedAt.size < silent.length && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(silent.length - closedAt.size).toBe(0);
      expect(Math.min(...closedAt.values()) - opened).toBeGreaterThan(HEADERS_TIMEOUT_MS - 1_500);
    } finally {
      for (const s of silent) s.destroy();
    }
  });
});
