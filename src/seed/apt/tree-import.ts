// `airgap-cache import DIR` for APT trees admins already have (spec A7): trust nothing but hashes.
// Each suite's InRelease must verify with the keyrings (gpgv); an index is taken only when its
// size and sha256 are what that InRelease lists, a .deb only when they are what a taken Packages
// index lists. Anything else is skipped and reported with the reason. All of it becomes visible in
// one transaction.
import { readFile } from 'node:fs/promises';
import { HostMatcher } from '../../config/host-groups.js';
import type { HostGroup } from '../../config/schema.js';
import { AgcError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { parsePackages, type PackageRecord } from '../../sites/apt/packages.js';
import { byHashPath, parseRelease, type Release } from '../../sites/apt/release.js';
import { verifyClearsigned, verifyDetached } from '../../sites/apt/signature.js';
import type { ImportOutcome } from '../../store/import-commit.js';
import type { Store } from '../../store/store.js';
import type { NewObject } from '../../store/types.js';
import type { Requested } from '../bundle/format.js';
import { storeTreeBytes, storeTreeFile } from '../images/tree-file.js';
import { targetOf } from '../target.js';
import { readIndexText } from './read-index.js';
import type { SuiteSource } from './tree-sources.js';
import { commitTree, dropWritten } from '../tree-commit.js';

export interface AptTreeImportOptions {
  store: Store;
  /** The directory, for messages and the import record. */
  dir: string;
  kind: 'apt-mirror-tree' | 'apt-client-cache';
  suites: SuiteSource[];
  keyrings: readonly string[];
  hostGroups: readonly HostGroup[];
  log: Logger;
}

export interface Skipped {
  file: string;
  why: string;
}

export interface AptTreeSummary {
  id: string;
  suites: { url: string; suite: string; indices: number; absent: number }[];
  debs: number;
  skipped: Skipped[];
  objects: number;
  counts: Record<ImportOutcome, number>;
  blobsWritten: number;
  alreadyImportedAt?: number | undefined;
}

export async function importAptTree(opts: AptTreeImportOptions): Promise<AptTreeSummary> {
  const { store, log } = opts;
  if (opts.suites.length === 0) throw new AgcError('AGC_ERR_MIRROR', `${opts.dir}: no dists/SUITE/InRelease found`, { subject: opts.dir });
  const matcher = new HostMatcher(opts.hostGroups);
  const written: string[] = [];
  const skipped: Skipped[] = [];
  const entries = new Map<string, NewObject>();
  const requested: Requested[] = [];
  const summaries: AptTreeSummary['suites'] = [];
  const add = (url: string, e: Omit<NewObject, 'ns' | 'path'>): void => {
    const t = targetOf(url, matcher);
    if ('problem' in t) throw new AgcError('AGC_ERR_MIRROR', `${url} ${t.problem}`, { subject: url });
    entries.set(`${t.ns}\0${t.path}`, { ...e, ...t });
  };
  try {
    for (const s of opts.suites) {
      const base = `${s.url}/dists/${s.suite}`;
      const doc = await readFile(s.inRelease);
      const text = await verifyClearsigned(doc, opts.keyrings, s.inRelease);
      const release = parseRelease(text);
      const when = release.date ?? Date.now();
      const meta = { contentType: 'text/plain', lastModified: when, fetchedAt: when, digests: {} as Record<string, string>, source: '' };
      const stored = async (bytes: Buffer, file: string) => {
        const r = await storeTreeBytes(store, bytes, file);
        if (r.written) written.push(r.sha256);
        return { sha256: r.sha256, size: bytes.length };
      };
      const before = entries.size;
      add(`${base}/InRelease`, { ...meta, ...(await stored(doc, s.inRelease)) });
      await suiteRoots(s, text, opts.keyrings, skipped, async (name, bytes, file) => add(`${base}/${name}`, { ...meta, ...(await stored(bytes, file)) }));
      let indices = 0;
      let absent = 0;
      const packagesFiles: { path: string; file: string }[] = [];
      for (const f of release.files.values()) {
        const file = await s.index(f);
        if (!file) {
          absent += 1;
          continue;
        }
        try {
          const r = await storeTreeFile(store, file, { size: f.size, sha256: f.hashes.SHA256 });
          if (r.written) written.push(r.sha256);
          const digests: Record<string, string> = f.hashes.SHA512 ? { sha512: f.hashes.SHA512 } : {};
          const e = { ...meta, sha256: r.sha256, size: r.size, digests };
          add(`${base}/${f.path}`, e);
          for (const type of release.acquireByHash ? release.hashTypes : []) if (f.hashes[type]) add(`${base}/${byHashPath(f.path, type, f.hashes[type]!)}`, e);
          indices += 1;
          if (/\/Packages(\.(gz|xz|bz2))?$/.test(f.path)) packagesFiles.push({ path: f.path, file });
        } catch (err) {
          skipped.push({ file, why: reason(err) });
        }
      }
      await importDebs(s, packagesFiles, release, store, written, skipped, (url, e) => add(url, { ...e, source: '' }));
      summaries.push({ url: s.url, suite: s.suite, indices, absent });
      requested.push({ section: 'apt', item: `${s.url} ${s.suite} (from ${opts.dir})`, objects: [...entries.values()].slice(before).map((e) => [e.ns, e.path]) });
    }
    const list = [...entries.values()];
    const { id, counts, alreadyImportedAt } = commitTree(store, { kind: opts.kind, dir: opts.dir, sourcePrefix: 'mirror', entries: list, requested });
    log.info({ dir: opts.dir, id, ...counts, skipped: skipped.length }, 'APT tree imported');
    const debs = list.filter((e) => e.path.endsWith('.deb')).length;
    return { id, suites: summaries, debs, skipped, objects: list.length, counts, blobsWritten: written.length, alreadyImportedAt };
  } catch (err) {
    const dropped = dropWritten(store, written);
    log.warn({ dir: opts.dir, err: (err as Error).message, droppedBlobs: dropped }, 'APT tree import failed; nothing from it is visible');
    throw err;
  }
}

/** Release and Release.gpg, taken only when they agree with the verified InRelease. */
async function suiteRoots(s: SuiteSource, text: string, keyrings: readonly string[], skipped: Skipped[], take: (name: string, bytes: Buffer, file: string) => Promise<void>): Promise<void> {
  if (!s.release) return;
  const plain = await readFile(s.release);
  if (plain.toString('utf8') !== text) {
    skipped.push({ file: s.release, why: 'differs from the signed text of its InRelease' });
    return;
  }
  await take('Release', plain, s.release);
  if (!s.releaseGpg) return;
  try {
    await verifyDetached(s.releaseGpg, s.release, keyrings, s.releaseGpg);
    await take('Release.gpg', await readFile(s.releaseGpg), s.releaseGpg);
  } catch (err) {
    skipped.push({ file: s.releaseGpg, why: reason(err) });
  }
}

async function importDebs(
  s: SuiteSource,
  packagesFiles: { path: string; file: string }[],
  release: Release,
  store: Store,
  written: string[],
  skipped: Skipped[],
  add: (url: string, e: Omit<NewObject, 'ns' | 'path' | 'source'>) => void,
): Promise<void> {
  const byFilename = new Map<string, PackageRecord>();
  const seen = new Set<string>();
  for (const pf of packagesFiles) {
    const key = pf.path.replace(/\.(gz|xz|bz2)$/, '');
    if (seen.has(key)) continue;
    seen.add(key);
    for (const r of parsePackages(await readIndexText(pf.file, pf.path), s.suite)) byFilename.set(r.filename, r);
  }
  for (const r of byFilename.values()) {
    const file = await s.deb(r);
    if (!file) continue;
    try {
      const got = await storeTreeFile(store, file, { size: r.size, sha256: r.sha256 });
      if (got.written) written.push(got.sha256);
      add(`${s.url}/${r.filename}`, { sha256: got.sha256, size: got.size, contentType: 'application/vnd.debian.binary-package', lastModified: Math.floor(got.mtimeMs), fetchedAt: release.date ?? Math.floor(got.mtimeMs), digests: {} });
    } catch (err) {
      skipped.push({ file, why: reason(err) });
    }
  }
}

function reason(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/^\S+ /, '');
}

