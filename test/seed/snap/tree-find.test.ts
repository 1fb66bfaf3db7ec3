import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSnapFiles, isSnapTree } from '../../../src/seed/snap/tree-find.js';
import { tempDir } from '../../helpers/tmp.js';

describe('finding snaps admins have', () => {
  it('finds .snap and .assert files in a directory and a few levels below, in name order', async () => {
    const d = tempDir();
    mkdirSync(join(d, 'a/b'), { recursive: true });
    mkdirSync(join(d, '.hidden'), { recursive: true });
    for (const f of ['b_2.snap', 'b_2.assert', 'a/a_1.snap', 'a/b/a_1.assert', 'notes.txt', '.hidden/x_1.snap']) writeFileSync(join(d, f), '');
    expect(await findSnapFiles(d)).toEqual({ snaps: [join(d, 'a/a_1.snap'), join(d, 'b_2.snap')], asserts: [join(d, 'a/b/a_1.assert'), join(d, 'b_2.assert')] });
    expect(await isSnapTree(d)).toBe(true);
    expect(await isSnapTree(join(d, 'a/b'))).toBe(false);
    expect(await findSnapFiles('/nonexistent')).toEqual({ snaps: [], asserts: [] });
  });
});
