// The files of a suite and its pool as a tree on disk lays them out: a mirror copy keeps the
// archive's own paths (by-hash included); a client cache keeps InRelease and decompressed indices
// under flattened names in lists/, and .debs by package, version and architecture in archives/.
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { PackageRecord } from '../../sites/apt/packages.js';
import { byHashPath, type ReleaseFile } from '../../sites/apt/release.js';
import type { ArchiveRoot, ClientCache } from './tree-find.js';
import { suitesOf } from './tree-find.js';

export interface SuiteSource {
  /** The archive URL the suite is served under (http://archive.ubuntu.com/ubuntu). */
  url: string;
  suite: string;
  inRelease: string;
  release?: string | undefined;
  releaseGpg?: string | undefined;
  /** The file holding a listed index, if the tree has it. */
  index(f: ReleaseFile): Promise<string | undefined>;
  /** The file holding a package's .deb, if the tree has it. */
  deb(r: PackageRecord): Promise<string | undefined>;
}

export async function mirrorSuites(root: ArchiveRoot, url: string): Promise<SuiteSource[]> {
  const out: SuiteSource[] = [];
  for (const suite of await suitesOf(root.root)) {
    const dir = join(root.root, 'dists', suite);
    out.push({
      url,
      suite,
      inRelease: join(dir, 'InRelease'),
      release: await existing(join(dir, 'Release')),
      releaseGpg: await existing(join(dir, 'Release.gpg')),
      index: async (f) => (await existing(join(dir, f.path))) ?? (f.hashes.SHA256 ? existing(join(dir, byHashPath(f.path, 'SHA256', f.hashes.SHA256))) : undefined),
      deb: (r) => existing(join(root.root, r.filename)),
    });
  }
  return out;
}

export async function clientCacheSuites(cache: ClientCache): Promise<SuiteSource[]> {
  const names = await readdir(cache.lists);
  const debs = cache.archives ? new Set((await readdir(cache.archives)).filter((n) => n.endsWith('.deb'))) : new Set<string>();
  const out: SuiteSource[] = [];
  for (const name of names.filter((n) => n.endsWith('_InRelease'))) {
    const cut = name.indexOf('_dists_');
    if (cut === -1) continue;
    const origin = name.slice(0, cut);
    const suite = name.slice(cut + '_dists_'.length, -'_InRelease'.length);
    const host = origin.split('_')[0]!;
    const prefix = origin.slice(host.length + 1).replace(/_/g, '/');
    const flat = (rel: string): string => join(cache.lists, `${origin}_dists_${suite}_${rel.replace(/\//g, '_')}`);
    out.push({
      url: `http://${host}/${prefix}`.replace(/\/$/, ''),
      suite,
      inRelease: join(cache.lists, name),
      index: (f) => existing(flat(f.path)),
      deb: async (r) => {
        const file = `${r.name}_${r.version.replace(/:/g, '%3a')}_${r.architecture}.deb`;
        return debs.has(file) ? join(cache.archives!, file) : debs.has(basename(r.filename)) ? join(cache.archives!, basename(r.filename)) : undefined;
      },
    });
  }
  return out;
}

async function existing(p: string): Promise<string | undefined> {
  return (await stat(p).catch(() => undefined))?.isFile() ? p : undefined;
}
