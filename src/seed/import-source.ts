// What `airgap-cache import SOURCE` was given: a bundle (a file, or - for standard input) or a
// mirror tree (a directory). Each kind of tree is recognised by the part that knows its layout;
// a directory none recognises is an error that says what was looked for.
import { stat } from 'node:fs/promises';
import { AgcError } from '../errors.js';
import { findArchiveRoots, findClientCache } from './apt/tree-find.js';
import { isCharmExport, isJujuDownloadTree } from './charm/tree-find.js';
import { findStreams } from './images/tree-find.js';
import { isSnapExport } from './snap/export-archive.js';
import { isSnapTree } from './snap/tree-find.js';
import { checkTreeEntries } from './tree-guard.js';

export interface TreeKind {
  kind: string;
  /** What a directory of this kind holds, for the "not recognised" message. */
  looksLike: string;
  detect(dir: string): Promise<boolean>;
}

export const treeKinds: readonly TreeKind[] = [
  { kind: 'sstream-mirror', looksLike: 'an sstream-mirror output (streams/v1/index.sjson in it or below it)', detect: async (dir) => (await findStreams(dir)).length > 0 },
  { kind: 'apt-mirror-tree', looksLike: 'an APT mirror copy (dists/SUITE/InRelease, or apt-mirror\'s mirror/HOST/PATH/dists)', detect: async (dir) => (await findArchiveRoots(dir)).length > 0 },
  { kind: 'apt-client-cache', looksLike: "an apt client's cache (var/lib/apt/lists with *_InRelease)", detect: async (dir) => (await findClientCache(dir)) !== undefined },
  { kind: 'snap-download', looksLike: '`snap download` output (NAME_REV.snap with NAME_REV.assert)', detect: isSnapTree },
  { kind: 'juju-download', looksLike: '`juju download` output (NAME_rREV.charm)', detect: isJujuDownloadTree },
];

/** Files that are not bundles but archives of another kind; `dir` of the source is then the file. */
export const fileKinds: readonly TreeKind[] = [
  { kind: 'charm-store-admin-export', looksLike: 'an Enterprise Store `store-admin export` tarball of charms or a bundle', detect: isCharmExport },
  { kind: 'store-admin-export', looksLike: 'an Enterprise Store `store-admin export` tarball', detect: isSnapExport },
];

export type ImportSource = { kind: 'bundle'; path: string } | { kind: 'tree'; tree: string; dir: string };

export async function detectImportSource(arg: string): Promise<ImportSource> {
  if (arg === '-') return { kind: 'bundle', path: arg };
  const st = await stat(arg).catch((cause: unknown) => {
    throw new AgcError('AGC_ERR_BUNDLE', `cannot read ${arg}: ${(cause as Error).message}`, { subject: arg, cause });
  });
  if (!st.isDirectory()) {
    for (const k of fileKinds) if (await k.detect(arg)) return { kind: 'tree', tree: k.kind, dir: arg };
    return { kind: 'bundle', path: arg };
  }
  for (const t of treeKinds) {
    if (!(await t.detect(arg))) continue;
    // A client cache may be given as a whole system's root: only its two APT directories are read.
    const cache = t.kind === 'apt-client-cache' ? await findClientCache(arg) : undefined;
    for (const d of cache ? [cache.lists, ...(cache.archives ? [cache.archives] : [])] : [arg]) await checkTreeEntries(d);
    return { kind: 'tree', tree: t.kind, dir: arg };
  }
  throw new AgcError('AGC_ERR_MIRROR', `${arg} is a directory but not a mirror tree the appliance knows; expected ${treeKinds.map((t) => t.looksLike).join(', or ')}`, { subject: arg });
}
