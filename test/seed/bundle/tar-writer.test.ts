import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TarWriter } from '../../../src/seed/bundle/tar-writer.js';
import { RECORD } from '../../../src/seed/bundle/ustar.js';
import { tempDir } from '../../helpers/tmp.js';

async function* chunks(...parts: string[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield Buffer.from(p);
}

describe('TarWriter', () => {
  it('writes an archive tar lists and extracts, padded to whole records', async () => {
    const file = join(tempDir(), 'out.tar');
    const fh = await open(file, 'w');
    const w = new TarWriter(fh);
    await w.addBuffer('meta/first.json', Buffer.from('{"a":1}'), 1_700_000_000);
    await w.addStream('blobs/x', 11, chunks('hello ', 'world'), 1_700_000_000);
    await w.addStream('long/' + 'n'.repeat(120), 2, chunks('ok'), 0);
    await w.finish();
    await fh.close();
    expect(statSync(file).size % RECORD).toBe(0);
    expect(execFileSync('tar', ['tf', file], { encoding: 'utf8' }).trim().split('\n')).toEqual(['meta/first.json', 'blobs/x', 'long/' + 'n'.repeat(120)]);
    expect(execFileSync('tar', ['xOf', file, 'blobs/x'], { encoding: 'utf8' })).toBe('hello world');
  });

  it('fails when a payload has fewer or more bytes than announced', async () => {
    const fh = await open(join(tempDir(), 'bad.tar'), 'w');
    const w = new TarWriter(fh);
    await expect(w.addStream('short', 10, chunks('abc'), 0)).rejects.toThrow(/fewer bytes/);
    await expect(w.addStream('long', 2, chunks('abc'), 0)).rejects.toThrow(/more bytes/);
    await fh.close();
  });
});
