// Import: stream a bundle into the store once, front to back. Every payload is checked against the
// object list (size and sha256) as it is written; only when the whole bundle has been read and its
// closing summary matches do its entries become visible, all in one transaction. A failure leaves
// the store as it was: entries untouched, the blobs this import added removed.
import { stat } from 'node:fs/promises';
import { AgcError } from '../errors.js';
import type { Logger } from '../log.js';
import { freeBytes } from '../store/disk-full.js';
import type { ImportOutcome } from '../store/import-commit.js';
import { touchBlob } from '../store/gc.js';
import type { Store } from '../store/store.js';
import { BlobSink } from './blob-sink.js';
import { BundleReader } from './bundle/bundle-reader.js';
import { objectName, type BundleInfo } from './bundle/format.js';
import type { ImportCheck } from './import-check.js';
import type { Progress } from './progress.js';

export interface ImportOptions {
  store: Store;
  source: AsyncIterable<Buffer>;
  /** The bundle's name in messages (its file name). */
  name: string;
  /** Bundle size, when known, for progress. */
  size?: number | undefined;
  /** Namespaces the appliance serves; objects in others are imported with a warning. */
  servedNamespaces?: ReadonlySet<string> | undefined;
  progress?: Progress | undefined;
  /** Site checks over the whole object list, run before anything becomes visible. */
  checks?: readonly ImportCheck[] | undefined;
  log: Logger;
}

export interface ImportSummary {
  bundleId: string;
  kind: BundleInfo['kind'];
  createdAt: string;
  tool: string;
  objects: number;
  counts: Record<ImportOutcome, number>;
  blobsWritten: number;
  blobsPresent: number;
  bytesWritten: number;
  /** Set when this bundle had been imported before: nothing changed. */
  alreadyImportedAt?: number | undefined;
  warnings: string[];
}

export async function importBundle(opts: ImportOptions): Promise<ImportSummary> {
  const { store, progress, log } = opts;
  const reader = new BundleReader(opts.source, opts.name);
  const sink = new BlobSink(store, opts.name);
  try {
    const head = await reader.readHead();
    await checkSpace(store, head.blobs, opts.name);
    const warnings = unservedWarnings(head.objects, opts.servedNamespaces);
    progress?.begin({ phase: 'importing', totalBytes: opts.size, totalItems: head.blobs.size });
    let bytesWritten = 0;
    let present = 0;
    let last = 0;
    for (let blob = await reader.nextBlob(); blob; blob = await reader.nextBlob()) {
      progress?.startItem(blob.sha256, objectName(blob.objects[0]!), blob.size);
      if (await hasBlob(store, blob.sha256, blob.size)) {
        await sink.check(blob);
        present += 1;
      } else {
        await sink.write(blob);
        bytesWritten += blob.size;
      }
      progress?.add(reader.position - last);
      last = reader.position;
      progress?.itemDone(blob.sha256);
    }
    progress?.add(reader.position - last);
    await sink.settle();
    const { info, objects } = head;
    for (const check of opts.checks ?? []) await check(objects, (sha) => store.blobPath(sha));
    const source = `import:${info.id.slice(0, 16)}`;
    const entries = objects.map((o) => ({ ns: o.ns, path: o.path, sha256: o.sha256, size: o.size, contentType: o.contentType, lastModified: o.lastModified, digests: o.digests, source, fetchedAt: o.fetchedAt }));
    const record = { id: info.id, importedAt: Date.now(), info: { kind: info.kind, tool: info.tool, createdAt: info.createdAt, bundle: opts.name, manifest: info.manifest, requested: info.requested } };
    const result = store.commitImport(entries, record);
    // Bytes only an entry that was kept newer would have used are not kept either.
    for (const sha of sink.added) store.dropBlobIfUnreferenced(sha);
    const counts: Record<ImportOutcome, number> = { added: 0, replaced: 0, unchanged: 0, 'kept-newer': 0 };
    if ('outcomes' in result) for (const o of result.outcomes) counts[o] += 1;
    else counts.unchanged = objects.length;
    const summary: ImportSummary = {
      bundleId: info.id,
      kind: info.kind,
      createdAt: info.createdAt,
      tool: info.tool,
      objects: objects.length,
      counts,
      blobsWritten: sink.added.length,
      blobsPresent: present,
      bytesWritten,
      alreadyImportedAt: 'already' in result ? result.already.importedAt : undefined,
      warnings,
    };
    log.info({ bundle: opts.name, id: info.id, ...counts, blobsWritten: sink.added.length, bytesWritten }, 'bundle imported');
    return summary;
  } catch (err) {
    await sink.settle().catch(() => undefined);
    const dropped = sink.added.filter((sha) => store.dropBlobIfUnreferenced(sha)).length;
    log.warn({ bundle: opts.name, err: (err as Error).message, droppedBlobs: dropped }, 'import failed; nothing from the bundle is visible');
    throw err;
  } finally {
    progress?.finish();
  }
}

/** Fails before writing anything when the payloads the store lacks cannot fit in its free space. */
async function checkSpace(store: Store, blobs: ReadonlyMap<string, readonly { size: number }[]>, name: string): Promise<void> {
  const free = freeBytes(store.dataDir);
  if (free === undefined) return;
  let needed = 0;
  for (const [sha, objects] of blobs) {
    const size = objects[0]!.size;
    const st = await stat(store.blobPath(sha)).catch(() => undefined);
    if (st?.size !== size) needed += size;
  }
  if (needed > free) {
    throw new AgcError('AGC_ERR_STORE', `${name}: disk full in ${store.dataDir}: the import needs ${needed} bytes, ${free} free; nothing was written`, { subject: name });
  }
}

async function hasBlob(store: Store, sha256: string, size: number): Promise<boolean> {
  const st = await stat(store.blobPath(sha256)).catch(() => undefined);
  const has = st?.isFile() === true && st.size === size;
  if (has) await touchBlob(store, sha256);
  return has;
}

function unservedWarnings(objects: { ns: string }[], served: ReadonlySet<string> | undefined): string[] {
  if (!served) return [];
  const counts = new Map<string, number>();
  for (const o of objects) if (!served.has(o.ns)) counts.set(o.ns, (counts.get(o.ns) ?? 0) + 1);
  return [...counts].map(([ns, n]) => `${n} objects are in namespace ${ns}, which no host group serves: they are stored but will not be served until one does`);
}
