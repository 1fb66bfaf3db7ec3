import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectImportSource, treeKinds } from '../../src/seed/import-source.js';
import { tempDir } from '../helpers/tmp.js';

describe('detectImportSource', () => {
  it('a file or - is a bundle', async () => {
    const f = join(tempDir(), 'x.bundle');
    writeFileSync(f, '');
    expect(await detectImportSource(f)).toEqual({ kind: 'bundle', path: f });
    expect(await detectImportSource('-')).toEqual({ kind: 'bundle', path: '-' });
  });

  it('a directory with streams/v1/index.sjson in it or below is an sstream-mirror tree', async () => {
    const d = tempDir();
    mkdirSync(join(d, 'ephemeral-v3/stable/streams/v1'), { recursive: true });
    writeFileSync(join(d, 'ephemeral-v3/stable/streams/v1/index.sjson'), '');
    expect(await detectImportSource(d)).toEqual({ kind: 'tree', tree: 'sstream-mirror', dir: d });
  });

  it('another directory is refused, saying what was looked for; a missing path is named', async () => {
    await expect(detectImportSource(tempDir())).rejects.toMatchObject({ code: 'AGC_ERR_MIRROR', message: expect.stringContaining('an sstream-mirror output (streams/v1/index.sjson in it or below it)') });
    await expect(detectImportSource('/nonexistent/bundle')).rejects.toThrow(/cannot read \/nonexistent\/bundle/);
    expect(treeKinds.map((t) => t.kind)).toContain('sstream-mirror');
  });
});
