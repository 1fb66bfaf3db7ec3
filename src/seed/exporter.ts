// Record mode: what an appliance holds (for example an online one whose clients pulled what a
// deployment needs) written as a bundle for an air-gapped one.
import { AgcError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { ObjectMeta } from '../store/types.js';
import { writeBundle, type WrittenBundle } from './bundle/bundle-writer.js';
import type { BundleObject, Requested } from './bundle/format.js';
import type { Progress } from './progress.js';

export interface ExportOptions {
  store: Store;
  out: string;
  /** Only these namespaces; empty or absent: all of them. */
  namespaces?: readonly string[] | undefined;
  progress?: Progress | undefined;
}

export async function exportBundle(opts: ExportOptions): Promise<WrittenBundle> {
  const wanted = opts.namespaces && opts.namespaces.length > 0 ? new Set(opts.namespaces) : undefined;
  const objects: BundleObject[] = [];
  for (const m of opts.store.entries()) if (!wanted || wanted.has(m.ns)) objects.push(toBundleObject(m));
  if (wanted) {
    const present = new Set(objects.map((o) => o.ns));
    const empty = [...wanted].filter((ns) => !present.has(ns));
    if (empty.length > 0) throw new AgcError('AGC_ERR_CONFIG', `nothing to export in namespace ${empty.join(', ')} (the store has ${opts.store.namespaces().map((n) => n.ns).join(', ') || 'nothing'})`, { subject: empty[0] });
  }
  opts.progress?.begin({ phase: 'exporting' });
  return writeBundle(opts.out, {
    kind: 'export',
    manifest: null,
    requested: requestedByNamespace(objects),
    objects,
    blobFile: (sha) => opts.store.blobPath(sha),
    progress: opts.progress,
  });
}

function toBundleObject(m: ObjectMeta): BundleObject {
  return {
    ns: m.ns,
    path: m.path,
    sha256: m.sha256,
    size: m.size,
    contentType: m.contentType,
    // Whole milliseconds, as the bundle format has them (a store filled by other tools may hold fractions).
    lastModified: Math.floor(m.lastModified),
    fetchedAt: Math.floor(m.fetchedAt ?? m.storedAt),
    digests: m.digests,
  };
}

function requestedByNamespace(objects: BundleObject[]): Requested[] {
  const byNs = new Map<string, [string, string][]>();
  for (const o of objects) {
    const list = byNs.get(o.ns) ?? [];
    list.push([o.ns, o.path]);
    byNs.set(o.ns, list);
  }
  return [...byNs].map(([ns, list]) => ({ section: 'export', item: `namespace ${ns}`, objects: list }));
}
