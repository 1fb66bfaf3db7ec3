import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES } from '../../src/cloudinit/input-guard.js';
import { readSource } from '../../src/cloudinit/read-source.js';
import { tempDir } from '../helpers/tmp.js';

describe('readSource', () => {
  it('reads a file, and stdin for -', async () => {
    const file = join(tempDir(), 'u.yaml');
    writeFileSync(file, '#cloud-config\n');
    expect((await readSource(file)).toString()).toBe('#cloud-config\n');
    expect((await readSource('-', Readable.from([Buffer.from('#!/bin/sh\n'), Buffer.from('echo\n')]))).toString()).toBe('#!/bin/sh\necho\n');
  });

  it('stops one byte past the cap, so a huge file is refused without being read whole', async () => {
    const file = join(tempDir(), 'big');
    writeFileSync(file, Buffer.alloc(3 * MAX_INPUT_BYTES));
    expect((await readSource(file)).length).toBe(MAX_INPUT_BYTES + 1);
    expect((await readSource('-', Readable.from([Buffer.alloc(MAX_INPUT_BYTES), Buffer.alloc(MAX_INPUT_BYTES)]))).length).toBe(MAX_INPUT_BYTES + 1);
  });

  it('says why a file cannot be read, in one line', async () => {
    const dir = tempDir();
    await expect(readSource(join(dir, 'missing.yaml'))).rejects.toThrow(/^cannot read .*missing\.yaml: no such file$/);
    mkdirSync(join(dir, 'd'));
    await expect(readSource(join(dir, 'd'))).rejects.toThrow(/it is a directory/);
  });
});
