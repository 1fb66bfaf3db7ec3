// Recognising charms an admin brings to `airgap-cache import`: an Enterprise Store `store-admin
// export` of charms or a bundle (a tar.gz holding bundle.yaml and one tar.gz per charm, or .charm
// files), or a directory of `juju download` output (NAME_rREV.charm).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { charmFileName } from './local-charms.js';
import { isGzip, listTar } from './safe-untar.js';

export async function isCharmExport(file: string): Promise<boolean> {
  if (!(await isGzip(file))) return false;
  const names = (await listTar(file)) ?? [];
  const base = (n: string) => n.replace(/^\.\//, '');
  return names.some((n) => n.endsWith('.charm')) || (names.some((n) => base(n) === 'bundle.yaml') && names.some((n) => /\.(tar\.gz|tgz)$/.test(n)));
}

/** A directory with NAME_rREV.charm (or NAME_REV.charm) files in it or one level below. */
export async function isJujuDownloadTree(dir: string, depth = 0): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (e.isFile() && charmFileName.test(e.name)) return true;
    if (e.isDirectory() && depth < 1 && (await isJujuDownloadTree(join(dir, e.name), depth + 1))) return true;
  }
  return false;
}
