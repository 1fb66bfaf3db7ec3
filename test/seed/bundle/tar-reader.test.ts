import { execFileSync } from 'node:child_process';
import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TarReader, TruncatedError } from '../../../src/seed/bundle/tar-reader.js';
import { tempDir } from '../../helpers/tmp.js';

/** A real tar made by GNU tar (pax format, a long name), read in small odd-sized chunks. */
function gnuTar(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'src/sub'), { recursive: true });
  writeFileSync(join(dir, 'src/a.txt'), 'alpha\n');
  writeFileSync(join(dir, 'src/sub', 'l'.repeat(150)), Buffer.alloc(1500, 7));
  writeFileSync(join(dir, 'src/empty'), '');
  const file = join(dir, 'x.tar');
  execFileSync('tar', ['--format=pax', '-C', join(dir, 'src'), '-cf', file, 'a.txt', 'empty', `sub/${'l'.repeat(150)}`]);
  return file;
}

async function readAll(source: AsyncIterable<Buffer>) {
  const r = new TarReader(source);
  const out: { name: string; body: Buffer }[] = [];
  for (let e = await r.next(); e; e = await r.next()) out.push({ name: e.name, body: await r.readBody(e.size, 1 << 20) });
  await r.expectOnlyZeros();
  return out;
}

describe('TarReader', () => {
  it('reads names (pax long names too) and bodies across arbitrary chunk boundaries', async () => {
    const file = gnuTar();
    for (const hwm of [7, 512, 1000, 1 << 20]) {
      const entries = await readAll(createReadStream(file, { highWaterMark: hwm }));
      expect(entries.map((e) => e.name)).toEqual(['a.txt', 'empty', `sub/${'l'.repeat(150)}`]);
      expect(entries[0]!.body.toString()).toBe('alpha\n');
      expect(entries[1]!.body.length).toBe(0);
      expect(entries[2]!.body).toEqual(Buffer.alloc(1500, 7));
    }
  });

  it('skips bodies that are not read', async () => {
    const r = new TarReader(createReadStream(gnuTar(), { highWaterMark: 100 }));
    expect((await r.next())!.name).toBe('a.txt');
    expect((await r.next())!.name).toBe('empty');
    expect((await r.next())!.name).toMatch(/^sub\//);
    expect(await r.next()).toBeUndefined();
  });

  it('a truncated archive is a TruncatedError, wherever it is cut', async () => {
    const file = gnuTar();
    const whole = readFileSync(file);
    const r = new TarReader(createReadStream(file));
    let endOfEntries = 0;
    for (let e = await r.next(); e; e = await r.next()) endOfEntries = e.offset + Math.ceil(e.size / 512) * 512;
    // In a header, in a body, and exactly between the last entry and the end-of-archive marker.
    for (const cut of [100, 512 * 3 + 10, endOfEntries]) {
      await expect(readAll((async function* () { yield whole.subarray(0, cut); })())).rejects.toBeInstanceOf(TruncatedError);
    }
  });

  it('refuses data after the end-of-archive marker', async () => {
    const whole = readFileSync(gnuTar());
    await expect(readAll((async function* () { yield whole; yield Buffer.from('junk'); })())).rejects.toThrow(/after the end/);
  });
});
