import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findStreams, isStreamRoot, streamPrefix } from '../../../src/seed/images/tree-find.js';
import { tempDir } from '../../helpers/tmp.js';

function stream(dir: string): string {
  mkdirSync(join(dir, 'streams/v1'), { recursive: true });
  writeFileSync(join(dir, 'streams/v1/index.sjson'), 'x');
  return dir;
}

describe('finding streams in a directory', () => {
  it('the directory itself when it is a stream root', async () => {
    const d = stream(tempDir());
    expect(await isStreamRoot(d)).toBe(true);
    expect(await findStreams(d)).toEqual([{ dir: d }]);
  });

  it('streams below it (a web root), skipping dot-directories and stopping at a root', async () => {
    const d = tempDir();
    stream(join(d, 'maas/images/ephemeral-v3/stable'));
    stream(join(d, 'maas/images/ephemeral-v3/candidate'));
    stream(join(d, 'maas/images/ephemeral-v3/stable/.data/x'));
    stream(join(d, '.hidden/s'));
    expect((await findStreams(d)).map((f) => f.dir.slice(d.length))).toEqual(['/maas/images/ephemeral-v3/candidate', '/maas/images/ephemeral-v3/stable']);
    expect(await findStreams(tempDir())).toEqual([]);
  });

  it('the URL path: from where it lies, else from its MAAS content ids', () => {
    expect(streamPrefix('/var/www/html/maas/images/ephemeral-v3/stable', [])).toBe('/ephemeral-v3/stable/');
    expect(streamPrefix('/srv/mirror', ['com.ubuntu.maas:candidate:v3:download', 'com.ubuntu.maas:candidate:1:bootloader-download'])).toBe('/ephemeral-v3/candidate/');
    expect(streamPrefix('/srv/mirror', ['com.ubuntu.cloud:released:download'])).toBeUndefined();
    expect(streamPrefix('/srv/mirror', ['com.ubuntu.maas:stable:v3:download', 'com.ubuntu.maas:candidate:v3:download'])).toBeUndefined();
  });
});
