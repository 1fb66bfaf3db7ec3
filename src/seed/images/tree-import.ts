// `airgap-cache import DIR` for an sstream-mirror output tree (the MAAS docs' local mirror): each
// stream's index and products files must verify with the keyrings (gpgv); every item they list
// that the tree holds must have its signed sha256 and size; then all of it becomes visible in one
// transaction, like a bundle. Items the tree lacks are fine (a filtered mirror): they stay 404.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { HostMatcher } from '../../config/host-groups.js';
import type { HostGroup } from '../../config/schema.js';
import { AgcError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { itemsOf, products } from '../../sites/images/items.js';
import type { ImportOutcome } from '../../store/import-commit.js';
import type { Store } from '../../store/store.js';
import type { NewObject } from '../../store/types.js';
import type { Requested } from '../bundle/format.js';
import type { Progress } from '../progress.js';
import { targetOf } from '../target.js';
import { INDEX_PATH, readSignedSet, type SignedSet } from './signed-set.js';
import { storeTreeBytes, storeTreeFile } from './tree-file.js';
import { findStreams, streamPrefix } from './tree-find.js';
import { twinMatches, twinPath } from './unsigned-twin.js';
import { commitTree, dropWritten } from '../tree-commit.js';

export interface TreeImportOptions {
  store: Store;
  dir: string;
  /** The stream's URL (http://images.maas.io/ephemeral-v3/stable/) when the tree does not tell. */
  url?: string | undefined;
  keyrings: readonly string[];
  hostGroups: readonly HostGroup[];
  progress?: Progress | undefined;
  log: Logger;
}

export interface TreeStreamSummary {
  url: string;
  metadata: number;
  items: number;
  /** Items the signed metadata lists that the tree does not hold. */
  absent: number;
}

export interface TreeImportSummary {
  id: string;
  streams: TreeStreamSummary[];
  objects: number;
  counts: Record<ImportOutcome, number>;
  blobsWritten: number;
  bytesWritten: number;
  alreadyImportedAt?: number | undefined;
}

export async function importMirrorTree(opts: TreeImportOptions): Promise<TreeImportSummary> {
  const { store, progress, log } = opts;
  const found = await findStreams(opts.dir);
  if (found.length === 0) throw new AgcError('AGC_ERR_MIRROR', `${opts.dir}: no ${INDEX_PATH} in it or below it; give an sstream-mirror output directory`, { subject: opts.dir });
  if (opts.url && found.length > 1) throw new AgcError('AGC_ERR_MIRROR', `${opts.dir} holds ${found.length} streams (${found.map((f) => f.dir).join(', ')}); --images-url names one: give each stream's directory on its own`, { subject: opts.dir });
  const matcher = new HostMatcher(opts.hostGroups);
  const written: string[] = [];
  try {
    const entries: NewObject[] = [];
    const streams: TreeStreamSummary[] = [];
    const requested: Requested[] = [];
    for (const f of found) {
      const read = (rel: string): Promise<Buffer> => readFile(join(f.dir, rel));
      const set = await readSignedSet({ keyrings: opts.keyrings, read, name: (rel) => join(f.dir, rel), code: 'AGC_ERR_MIRROR' });
      const url = opts.url ?? urlFor(f.dir, set);
      const base = url.endsWith('/') ? url : `${url}/`;
      const at = (rel: string) => {
        const t = targetOf(base + rel, matcher);
        if ('problem' in t) throw new AgcError('AGC_ERR_MIRROR', `${base + rel} ${t.problem}`, { subject: base + rel });
        return t;
      };
      const before = entries.length;
      const meta = await metadataEntries(f.dir, set, at, store, written, log);
      const items = await itemEntries(f.dir, set, at, store, written, progress);
      entries.push(...meta, ...items.entries);
      streams.push({ url: base, metadata: meta.length, items: items.entries.length, absent: items.absent });
      requested.push({ section: 'images', item: `${base} (mirror ${f.dir})`, objects: entries.slice(before).map((e) => [e.ns, e.path]) });
    }
    const { id, counts, alreadyImportedAt } = commitTree(store, { kind: 'sstream-mirror', dir: opts.dir, sourcePrefix: 'mirror', entries, requested });
    const bytesWritten = entries.filter((e) => written.includes(e.sha256)).reduce((n, e) => n + e.size, 0);
    log.info({ dir: opts.dir, id, ...counts }, 'mirror tree imported');
    return { id, streams, objects: entries.length, counts, blobsWritten: written.length, bytesWritten, alreadyImportedAt };
  } catch (err) {
    const dropped = dropWritten(store, written);
    log.warn({ dir: opts.dir, err: (err as Error).message, droppedBlobs: dropped }, 'mirror import failed; nothing from it is visible');
    throw err;
  } finally {
    progress?.finish();
  }
}

function urlFor(dir: string, set: SignedSet): string {
  const prefix = streamPrefix(dir, set.index.entries.map((e) => e.contentId));
  if (!prefix) throw new AgcError('AGC_ERR_MIRROR', `${dir}: cannot tell which images.maas.io stream this is; give --images-url http://images.maas.io/ephemeral-v3/stable/ (or the stream it mirrors)`, { subject: dir });
  return `http://images.maas.io${prefix}`;
}

type At = (rel: string) => { ns: string; path: string };

async function metadataEntries(dir: string, set: SignedSet, at: At, store: Store, written: string[], log: Logger): Promise<NewObject[]> {
  const signed = [{ rel: INDEX_PATH, bytes: set.indexBytes, text: set.indexText, isIndex: true }, ...set.products.map((p) => ({ rel: p.entry.path, bytes: p.bytes, text: p.text, isIndex: false }))];
  const out: NewObject[] = [];
  const entry = async (rel: string, bytes: Buffer, contentType: string): Promise<NewObject> => {
    const { mtimeMs } = await stat(join(dir, rel));
    const r = await storeTreeBytes(store, bytes, join(dir, rel));
    if (r.written) written.push(r.sha256);
    return { ...at(rel), sha256: r.sha256, size: bytes.length, contentType, lastModified: Math.floor(mtimeMs), fetchedAt: Math.floor(mtimeMs), digests: {}, source: '' };
  };
  for (const { rel, bytes, text, isIndex } of signed) {
    out.push(await entry(rel, bytes, 'text/plain; charset=utf-8'));
    if (!rel.endsWith('.sjson')) continue;
    const twin = await readFile(join(dir, twinPath(rel))).catch(() => undefined);
    if (!twin) continue;
    if (twinMatches(twin, text, isIndex)) out.push(await entry(twinPath(rel), twin, 'application/json'));
    else log.warn({ file: join(dir, twinPath(rel)) }, 'unsigned twin differs from its signed file; not imported');
  }
  return out;
}

async function itemEntries(dir: string, set: SignedSet, at: At, store: Store, written: string[], progress: Progress | undefined): Promise<{ entries: NewObject[]; absent: number }> {
  const listed = new Map<string, { sha256?: string | undefined; size?: number | undefined }>();
  for (const { doc } of set.products) for (const [name, p] of products(doc)) for (const i of itemsOf(doc, name, p)) if (i.path !== undefined) listed.set(i.path, { sha256: i.sha256, size: i.size });
  const present = [];
  for (const [rel, want] of listed) {
    if (want.sha256 === undefined) throw new AgcError('AGC_ERR_MIRROR', `${join(dir, rel)}: its signed metadata gives no sha256, so it cannot be verified`, { subject: join(dir, rel) });
    const st = await stat(join(dir, rel)).catch(() => undefined);
    if (st?.isFile()) present.push({ rel, want, size: st.size });
  }
  progress?.begin({ phase: `importing ${dir}`, totalBytes: present.reduce((n, p) => n + p.size, 0), totalItems: present.length });
  const entries: NewObject[] = [];
  for (const { rel, want, size } of present) {
    progress?.startItem(rel, rel, size);
    const r = await storeTreeFile(store, join(dir, rel), want, (n) => progress?.add(n, rel));
    if (r.written) written.push(r.sha256);
    progress?.itemDone(rel);
    entries.push({ ...at(rel), sha256: r.sha256, size: r.size, contentType: 'application/octet-stream', lastModified: Math.floor(r.mtimeMs), fetchedAt: Math.floor(r.mtimeMs), digests: {}, source: '' });
  }
  return { entries, absent: listed.size - present.length };
}
