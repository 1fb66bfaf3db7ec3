// Malformed and oversized requests on the plain door, sent as raw bytes no HTTP library would
// send: each gets a 4xx and a closed connection, and the door keeps serving everyone else.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAppliance } from '../../src/appliance.js';
import { testAppliance } from '../helpers/appliance.js';
import { entry, writeBlob } from '../store/contract.js';

let app: RunningAppliance;
// Not tempDir(): that one is removed after each test, and this appliance lives for the whole file.
const dataDir = mkdtempSync(join(tmpdir(), 'agc-hostile-'));
const BODY = Buffer.from('ephemeral image index\n');
const OTHER = Buffer.from('another object, longer than the first one\n');

beforeAll(async () => {
  app = await testAppliance({ dataDir });
  for (const [path, body] of [['/streams/v1/index.json', BODY], ['/streams/v1/other.json', OTHER]] as const) {
    await writeBlob(app.store, body);
    app.store.commit([entry('maas-images', path, body, { contentType: 'application/json', lastModified: Date.UTC(2024, 3, 25) })]);
  }
});
afterAll(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface RawAnswer {
  text: string;
  /** The server closed the connection (within the wait). */
  closed: boolean;
}

/** Writes raw bytes (in pieces, if given several), reads until the server closes or `waitMs` passes. */
function raw(chunks: (string | Buffer)[], waitMs = 2_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const s = connect(app.ports.http, '127.0.0.1', () => {
      for (const c of chunks) s.write(c);
    });
    const parts: Buffer[] = [];
    const timer = setTimeout(() => {
      s.destroy();
      resolve({ text: Buffer.concat(parts).toString('latin1'), closed: false });
    }, waitMs);
    s.on('data', (d: Buffer) => parts.push(d));
    s.on('close', () => {
      clearTimeout(timer);
      resolve({ text: Buffer.concat(parts).toString('latin1'), closed: true });
    });
    s.on('error', (err: NodeJS.ErrnoException) => {
      // The server may reset a socket it refuses while we are still writing: that is a close too.
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') reject(err);
    });
  });
}

function statusOf(text: string): number {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  return m ? Number(m[1]) : 0;
}

const get = (path = '/streams/v1/index.json', extra = ''): string => `GET ${path} HTTP/1.1\r\nHost: images.maas.io\r\n${extra}\r\n`;

describe('hostile requests on the plain door', () => {
  it('serves a well-formed request (the baseline the refusals are measured against)', async () => {
    const a = await raw([get('/streams/v1/index.json', 'Connection: close\r\n')]);
    expect(statusOf(a.text)).toBe(200);
    expect(a.text.endsWith(BODY.toString())).toBe(true);
  });

  it.each([
    ['a header bomb (one 64 KiB header)', get(undefined, `X-Bomb: ${'a'.repeat(65_536)}\r\n`), [431]],
    ['a header bomb (5000 small headers)', get(undefined, Array.from({ length: 5000 }, (_, i) => `X-H${i}: v\r\n`).join('')), [431]],
    ['a 100 KiB URL', get(`/${'x'.repeat(100_000)}`), [414, 431]],
    ['an invalid method', 'FROB /streams/v1/index.json HTTP/1.1\r\nHost: images.maas.io\r\n\r\n', [400]],
    ['a method with a control byte', 'G\x01T / HTTP/1.1\r\nHost: images.maas.io\r\n\r\n', [400]],
    ['both Content-Length and Transfer-Encoding', 'POST /x HTTP/1.1\r\nHost: images.maas.io\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', [400]],
    ['two different Content-Lengths', 'POST /x HTTP/1.1\r\nHost: images.maas.io\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!', [400]],
    ['bad chunked encoding', 'POST /x HTTP/1.1\r\nHost: images.maas.io\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n', [400]],
    ['an obfuscated Transfer-Encoding', 'POST /x HTTP/1.1\r\nHost: images.maas.io\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n', [400, 501]],
    ['an HTTP/0.9 request line', 'GET /streams/v1/index.json\r\n\r\n', [400]],
    ['binary junk', Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x00, 0x00, 0x0d, 0x0a, 0x0d, 0x0a]), [400]],
    ['a bare LF header section with a space before the colon', 'GET / HTTP/1.1\nHost : images.maas.io\n\n', [400]],
    ['a version that does not exist', 'GET / HTTP/7.3\r\nHost: images.maas.io\r\n\r\n', [400, 505]],
  ] as const)('answers %s with a 4xx/5xx refusal and closes the connection', async (_name, request, statuses) => {
    const a = await raw([request]);
    expect(statuses as readonly number[]).toContain(statusOf(a.text));
    expect(a.text).not.toContain(BODY.toString());
    expect(a.closed).toBe(true);
  });

  it('answers pipelined requests in order, each with its own body, then honours Connection: close', async () => {
    const a = await raw([
      get('/streams/v1/other.json') + get('/streams/v1/index.json') + get('/streams/v1/missing.json') + get('/streams/v1/other.json', 'Connection: close\r\n'),
    ]);
    const responses = a.text.split(/(?=HTTP\/1\.1 \d{3} )/);
    expect(responses.map(statusOf)).toEqual([200, 200, 404, 200]);
    expect(responses[0]).toContain(OTHER.toString());
    expect(responses[1]).toContain(BODY.toString());
    expect(responses[1]).not.toContain(OTHER.toString());
    expect(responses[3]!.endsWith(OTHER.toString())).toBe(true);
    expect(a.closed).toBe(true);
  });

  it('refuses a malformed request pipelined after a good one, and answers nothing after it', async () => {
    const a = await raw([get() + 'FROB / HTTP/1.1\r\nHost: images.maas.io\r\n\r\n' + get('/streams/v1/other.json')]);
    const responses = a.text.split(/(?=HTTP\/1\.1 \d{3} )/);
    // Node parses the whole packet before the first answer is ready: the parse error may close the
    // connection before that answer goes out. Either way nothing is answered out of order.
    expect([[200, 400], [400]]).toContainEqual(responses.map(statusOf));
    if (responses.length === 2) expect(responses[0]).toContain(BODY.toString());
    expect(a.text).not.toContain(OTHER.toString());
    expect(a.closed).toBe(true);
  });

  it('records a request whose body breaks off as the client\'s 400, never a server error', async () => {
    const records: { status: number; method: string }[] = [];
    app.onRequest((r) => records.push(r));
    for (const body of ['zz\r\nhello\r\n0\r\n\r\n', '5\r\nhel']) {
      const a = await raw([`POST /streams/v1/x HTTP/1.1\r\nHost: images.maas.io\r\nTransfer-Encoding: chunked\r\n\r\n${body}`], 500);
      if (a.text !== '') expect(statusOf(a.text)).toBe(400);
    }
    await new Promise((r) => setTimeout(r, 100));
    const posts = records.filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((r) => r.status < 500)).toBe(true);
  });

  it('keeps serving other clients after all of the above', async () => {
    const a = await raw([get('/streams/v1/other.json', 'Connection: close\r\n')]);
    expect(statusOf(a.text)).toBe(200);
    expect(a.text.endsWith(OTHER.toString())).toBe(true);
  });
});
