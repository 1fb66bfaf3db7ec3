import { unlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { objectHeaders, serveStored } from '../../src/http/serve-stored.js';
import { openStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';
import { entry, writeBlob } from '../store/contract.js';

describe('serveStored', () => {
  it('streams a multi-MiB object and ranges that cross read-buffer boundaries byte-exact', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const body = Buffer.from(Array.from({ length: 5 * 1024 * 1024 + 17 }, (_, i) => (i * 7) % 256));
    await writeBlob(store, body);
    const [meta] = store.commit([entry('ns', '/big', body)]);
    const server = createServer((req, res) => void serveStored(req, res, meta!, store, 16_384));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/big`;
    const full = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(Buffer.compare(full, body)).toBe(0);
    const start = 16_384 * 3 - 5;
    const end = 16_384 * 70 + 3;
    const part = await fetch(url, { headers: { range: `bytes=${start}-${end}` } });
    expect(part.status).toBe(206);
    expect(Buffer.compare(Buffer.from(await part.arrayBuffer()), body.subarray(start, end + 1))).toBe(0);
    server.close();
    store.close();
  });

  it('serves small objects from memory once read: later hits touch no file', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0, smallObjectBytes: 1024, memoryCacheBytes: 1 << 20 });
    const body = Buffer.from('Package: hello\nVersion: 1.0\n');
    await writeBlob(store, body);
    const [meta] = store.commit([entry('ns', '/Packages', body)]);
    const server = createServer((req, res) => void serveStored(req, res, meta!, store, 16_384).catch(() => res.writeHead(500).end()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/Packages`;
    expect(await (await fetch(url)).text()).toBe(body.toString());
    unlinkSync(store.blobPath(meta!.sha256));
    expect(await (await fetch(url)).text()).toBe(body.toString());
    const part = await fetch(url, { headers: { range: 'bytes=9-13' } });
    expect([part.status, await part.text()]).toEqual([206, 'hello']);
    server.close();
    store.close();
  });

  it('builds the validators from the metadata', () => {
    expect(objectHeaders({ contentType: 'text/plain', lastModified: 0, etag: '"e"' })).toEqual({
      'content-type': 'text/plain', 'last-modified': 'Thu, 01 Jan 1970 00:00:00 GMT', etag: '"e"', 'accept-ranges': 'bytes',
    });
  });
});
