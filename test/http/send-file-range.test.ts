import { createServer } from 'node:http';
import { open, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferFor, sendFileRange } from '../../src/http/send-file-range.js';
import { tempDir } from '../helpers/tmp.js';

describe('sendFileRange', () => {
  it('sends exactly the range, across many buffer refills, with two buffers', async () => {
    const file = join(tempDir(), 'f');
    const body = Buffer.from(Array.from({ length: 3_000_017 }, (_, i) => (i * 13) % 251));
    await writeFile(file, body);
    const server = createServer(async (req, res) => {
      const [start, end] = (req.url ?? '/0/0').slice(1).split('/').map(Number) as [number, number];
      const fh = await open(file, 'r');
      res.writeHead(200);
      await sendFileRange(fh, res, start, end, 65_536).finally(() => fh.close());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const [s, e] of [[0, body.length - 1], [1, 1], [65_535, 200_000], [body.length - 5, body.length - 1]] as const) {
      const got = Buffer.from(await (await fetch(`${base}/${s}/${e}`)).arrayBuffer());
      expect(Buffer.compare(got, body.subarray(s, e + 1)), `${s}-${e}`).toBe(0);
    }
    server.close();
  });

  it('fails instead of sending a short body when the file is shorter than the range', async () => {
    const file = join(tempDir(), 'short');
    await writeFile(file, 'abc');
    const server = createServer(async (_req, res) => {
      const fh = await open(file, 'r');
      res.writeHead(200, { 'content-length': '10' });
      await sendFileRange(fh, res, 0, 9, 65_536).catch((e: Error) => res.destroy(e)).finally(() => fh.close());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await expect(res.arrayBuffer()).rejects.toThrow();
    server.close();
  });

  it('shrinks buffers as responses multiply, within a floor', () => {
    expect(bufferFor(1 << 20, 1)).toBe(1 << 20);
    expect(bufferFor(1 << 20, 100)).toBe(Math.floor((32 << 20) / 100));
    expect(bufferFor(1 << 20, 10_000)).toBe(131_072);
  });
});
