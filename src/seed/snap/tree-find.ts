// What admins already have: `snap download` output (NAME_REV.snap beside NAME_REV.assert), or the
// unpacked contents of a store export, in a directory or below it (a few levels deep).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface SnapTreeFiles {
  snaps: string[];
  asserts: string[];
}

const MAX_DEPTH = 4;

export async function findSnapFiles(dir: string, depth = 0): Promise<SnapTreeFiles> {
  const out: SnapTreeFiles = { snaps: [], asserts: [] };
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory() && depth < MAX_DEPTH && !e.name.startsWith('.')) {
      const below = await findSnapFiles(p, depth + 1);
      out.snaps.push(...below.snaps);
      out.asserts.push(...below.asserts);
    } else if (e.isFile() && e.name.endsWith('.snap')) out.snaps.push(p);
    else if (e.isFile() && e.name.endsWith('.assert')) out.asserts.push(p);
  }
  return out;
}

/** True for a directory holding at least one .snap and one .assert. */
export async function isSnapTree(dir: string): Promise<boolean> {
  const f = await findSnapFiles(dir);
  return f.snaps.length > 0 && f.asserts.length > 0;
}
