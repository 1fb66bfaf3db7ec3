import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BundleReader } from '../../../src/seed/bundle/bundle-reader.js';
import { flipByte, makeBundle, rewriteBundle, sha256 } from '../../helpers/bundles.js';
import { tempDir } from '../../helpers/tmp.js';

async function readWhole(file: string): Promise<string[]> {
  const r = new BundleReader(createReadStream(file, { highWaterMark: 4096 }), file);
  const head = await r.readHead();
  const seen: string[] = [];
  for (let b = await r.nextBlob(); b; b = await r.nextBlob()) {
    const parts: Buffer[] = [];
    for await (const c of b.body) parts.push(c);
    expect(sha256(Buffer.concat(parts))).toBe(b.sha256);
    seen.push(b.objects.map((o) => o.path).join(','));
  }
  expect(head.objects.length).toBeGreaterThan(0);
  return seen;
}

const sample = () =>
  makeBundle([
    { path: '/streams/v1/index.sjson', body: 'index' },
    { path: '/big.img', body: Buffer.alloc(100_000, 3) },
    { path: '/copy.img', body: Buffer.alloc(100_000, 3) },
  ]);

describe('BundleReader', () => {
  it('reads what the writer wrote, one payload per distinct blob', async () => {
    const { file } = await sample();
    expect(await readWhole(file)).toEqual(['/big.img,/copy.img', '/streams/v1/index.sjson']);
  });

  it('a truncated bundle fails naming the object being read', async () => {
    const { file } = await sample();
    const whole = readFileSync(file);
    const cut = join(tempDir(), 'cut.bundle');
    writeFileSync(cut, whole.subarray(0, whole.indexOf(Buffer.alloc(1000, 3)) + 500));
    await expect(readWhole(cut)).rejects.toMatchObject({ code: 'AGC_ERR_BUNDLE', message: expect.stringMatching(/maas-images:\/big\.img.*truncated/) });
  });

  it('a bundle cut before its closing summary fails', async () => {
    const { file } = await sample();
    const noEnd = await rewriteBundle(file, (name, body) => (name.endsWith('end.json') ? null : { name, body }));
    await expect(readWhole(noEnd)).rejects.toMatchObject({ code: 'AGC_ERR_BUNDLE', message: expect.stringMatching(/ends where/) });
  });

  it('a flipped byte in the object list fails before any payload is read', async () => {
    const { file } = await sample();
    const whole = readFileSync(file);
    flipByte(file, whole.indexOf('"contentType"'));
    const r = new BundleReader(createReadStream(file), 'b');
    await expect(r.readHead()).rejects.toMatchObject({ code: 'AGC_ERR_BUNDLE', message: expect.stringMatching(/objects\.ndjson does not match the bundle id/) });
  });

  it('an object path with a .. segment fails naming the object', async () => {
    const { file } = await makeBundle([{ path: '/ok', body: 'a' }, { path: '/images/../../etc/passwd', body: 'b' }]);
    const r = new BundleReader(createReadStream(file), 'b');
    await expect(r.readHead()).rejects.toMatchObject({ code: 'AGC_ERR_BUNDLE', message: expect.stringMatching(/maas-images:\/images\/\.\.\/\.\.\/etc\/passwd .*\.\. segment/) });
  });

  it('a payload entry whose name is not a blob address (a .. path) fails', async () => {
    const { file } = await sample();
    const evil = await rewriteBundle(file, (name, body) => ({ name: name.startsWith('blobs/') ? `blobs/../../../tmp/${name.slice(-8)}` : name, body }));
    await expect(readWhole(evil)).rejects.toMatchObject({ code: 'AGC_ERR_BUNDLE', message: expect.stringMatching(/unexpected entry "blobs\/\.\.\/\.\.\/\.\.\/tmp/) });
  });

  it('a payload nobody lists, a payload twice and a missing payload all fail', async () => {
    const { file } = await sample();
    const extra = await rewriteBundle(file, (name, body) => (name.startsWith('blobs/') ? { name: `blobs/sha256/${'ab'}/ab${'0'.repeat(62)}`, body } : { name, body }));
    await expect(readWhole(extra)).rejects.toThrow(/belongs to no listed object/);
    let first = '';
    const twice = await rewriteBundle(file, (name, body) => {
      if (name.startsWith('blobs/') && !first) first = name;
      return { name: name.startsWith('blobs/') ? first : name, body };
    });
    await expect(readWhole(twice)).rejects.toThrow(/appears twice|has \d+ bytes/);
    const missing = await rewriteBundle(file, (name, body) => (name.includes(sha256('index')) ? null : { name, body }));
    await expect(readWhole(missing)).rejects.toThrow(/maas-images:\/streams\/v1\/index\.sjson: its payload is missing/);
  });

  it('refuses something that is not a bundle', async () => {
    const f = join(tempDir(), 'not.tar');
    writeFileSync(f, Buffer.alloc(3000, 65));
    await expect(readWhole(f)).rejects.toMatchObject({ code: 'AGC_ERR_BUNDLE' });
  });
});
