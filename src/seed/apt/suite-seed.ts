// One suite of one mirror: its InRelease (signature checked by gpgv with the configured keyring),
// the Release/Release.gpg pair when upstream has it and it matches, and every index the client
// will ask for, at its canonical path and at every by-hash path the Release implies. All of a
// suite's metadata carries the snapshot time (the Release Date) as Last-Modified, so IMS works.
import { readFile } from 'node:fs/promises';
import { AgcError, isAgcError } from '../../errors.js';
import { byHashPath, hashFields, parseRelease, type HashType, type Release, type ReleaseFile } from '../../sites/apt/release.js';
import { verifyClearsigned } from '../../sites/apt/signature.js';
import type { BundleObject } from '../bundle/format.js';
import type { Fetched, SectionContext } from '../sections/section.js';
import { indexBase, selectIndexFiles, type IndexChoice } from './index-select.js';

export interface SuiteSeed {
  suite: string;
  release: Release;
  objects: BundleObject[];
  /** Fetched Packages files (one variant per index) for the closure resolver. */
  packagesFiles: { path: string; file: string }[];
}

export async function seedSuite(mirror: string, suite: string, keyring: string, choice: IndexChoice, ctx: SectionContext, key: string): Promise<SuiteSeed> {
  const base = `${mirror.replace(/\/$/, '')}/dists/${suite}`;
  const fetchAt = (url: string, extra: Partial<Parameters<SectionContext['fetch']>[0]> = {}, path = url) => ctx.fetch({ url, ...ctx.target(path, key), ...extra });
  const inRelease = await fetchAt(`${base}/InRelease`);
  const text = await verifyClearsigned(await readFile(inRelease.file), [keyring], `${base}/InRelease`);
  const release = parseRelease(text);
  const snapshot = release.date ?? inRelease.object.fetchedAt;
  const meta = (o: BundleObject): BundleObject => ({ ...o, lastModified: snapshot });
  const objects: BundleObject[] = [meta(inRelease.object)];

  const plain = await optional(fetchAt(`${base}/Release`));
  if (plain && (await readFile(plain.file, 'utf8')) === text) {
    objects.push(meta(plain.object));
    const sig = await optional(fetchAt(`${base}/Release.gpg`));
    if (sig) objects.push(meta(sig.object));
  } else if (plain) {
    ctx.log.warn({ suite }, 'upstream Release differs from the signed text of InRelease; carrying InRelease only');
  }

  const strongest = strongestHash(release);
  const packagesFiles: SuiteSeed['packagesFiles'] = [];
  const byIndex = new Map<string, ReleaseFile[]>();
  for (const f of selectIndexFiles(release.files.values(), choice)) {
    const list = byIndex.get(indexBase(f.path)) ?? [];
    list.push(f);
    byIndex.set(indexBase(f.path), list);
  }
  for (const [indexName, variants] of byIndex) {
    let got = 0;
    for (const f of variants) {
      const sha256 = f.hashes.SHA256;
      const expected = { expectedSize: f.size, expectedSha256: sha256, expectedDigests: f.hashes.SHA512 ? { sha512: f.hashes.SHA512 } : undefined };
      // By hash first, as apt does: it cannot be torn by a mirror sync; then the canonical name.
      const urls = release.acquireByHash && strongest ? [`${base}/${byHashPath(f.path, strongest, f.hashes[strongest]!)}`, `${base}/${f.path}`] : [`${base}/${f.path}`];
      let fetched: Fetched | undefined;
      for (const url of urls) {
        fetched = await optional(fetchAt(url, expected, `${base}/${f.path}`));
        if (fetched) break;
      }
      if (!fetched) continue;
      got += 1;
      objects.push(...indexObjects(fetched, f, release, base, ctx, key, snapshot));
      if (/\/Packages(\.(gz|xz|bz2))?$/.test(f.path)) packagesFiles.push({ path: f.path, file: fetched.file });
    }
    // Ubuntu lists uncompressed variants it does not publish; one variant per index is enough,
    // because apt asks for them in turn and stops at the first that answers.
    if (got === 0) throw new AgcError('AGC_ERR_SEED', `${base}: no variant of ${indexName} listed in the Release could be fetched`, { subject: `${base}/${indexName}` });
  }
  return { suite, release, objects, packagesFiles: preferPlain(packagesFiles) };
}

function indexObjects(fetched: Fetched, f: ReleaseFile, release: Release, base: string, ctx: SectionContext, key: string, snapshot: number): BundleObject[] {
  const canonical = { ...fetched.object, lastModified: snapshot };
  const digests = { ...canonical.digests, ...(f.hashes.SHA512 ? { sha512: f.hashes.SHA512 } : {}) };
  const out = [{ ...canonical, digests }];
  if (!release.acquireByHash) return out;
  for (const type of release.hashTypes) {
    const hex = f.hashes[type];
    if (!hex) continue;
    const t = ctx.target(`${base}/${byHashPath(f.path, type, hex)}`, key);
    out.push({ ...canonical, digests, ns: t.ns, path: t.path, url: `${base}/${byHashPath(f.path, type, hex)}` });
  }
  return out;
}

/** apt uses the strongest hash type a Release lists for its by-hash requests. */
export function strongestHash(release: Release): HashType | undefined {
  const order: HashType[] = ['SHA512', 'SHA256', 'SHA1', 'MD5Sum'];
  return order.find((t) => release.hashTypes.includes(t) && t in hashFields);
}

/** One Packages variant per index, the cheapest to read: plain, then gz, then xz. */
function preferPlain(files: { path: string; file: string }[]): { path: string; file: string }[] {
  const rank = (p: string): number => (p.endsWith('Packages') ? 0 : p.endsWith('.gz') ? 1 : 2);
  const best = new Map<string, { path: string; file: string }>();
  for (const f of files) {
    const k = indexBase(f.path);
    const cur = best.get(k);
    if (!cur || rank(f.path) < rank(cur.path)) best.set(k, f);
  }
  return [...best.values()];
}

async function optional(p: Promise<Fetched>): Promise<Fetched | undefined> {
  try {
    return await p;
  } catch (err) {
    if (isAgcError(err, 'AGC_ERR_NOT_FOUND')) return undefined;
    throw err;
  }
}
