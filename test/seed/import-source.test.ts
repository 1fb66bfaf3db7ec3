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

  it('snap download output is a snap-download tree; a gzip tar with .snap members a store-admin export', async () => {
    const { execFileSync } = await import('node:child_process');
    const d = tempDir();
    writeFileSync(join(d, 'x_1.snap'), 'blob');
    expect((await detectImportSource(d).catch(() => undefined))?.kind).not.toBe('tree');
    writeFileSync(join(d, 'x_1.assert'), 'type: x');
    expect(await detectImportSource(d)).toEqual({ kind: 'tree', tree: 'snap-download', dir: d });
    const tgz = join(tempDir(), 'x-20240101T000000.tar.gz');
    execFileSync('tar', ['-czf', tgz, '-C', d, '.']);
    expect(await detectImportSource(tgz)).toEqual({ kind: 'tree', tree: 'store-admin-export', dir: tgz });
    const plain = join(tempDir(), 'other.tar.gz');
    writeFileSync(join(d, 'x_1.snap'), 'blob');
    execFileSync('tar', ['-czf', plain, '-C', d, 'x_1.assert']);
    expect(await detectImportSource(plain)).toEqual({ kind: 'bundle', path: plain });
  });
});
