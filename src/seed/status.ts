// What the cache holds: objects and bytes per namespace, and for each import what its manifest
// asked for and whether all of that is (still) present.
import type { Store } from '../store/store.js';
import { requestedSchema, type Requested } from './bundle/format.js';

export interface RequestedStatus {
  section: string;
  item: string;
  objects: number;
  present: number;
}

export interface ImportStatus {
  bundleId: string;
  bundle: string;
  kind: string;
  tool: string;
  createdAt: string;
  importedAt: string;
  requested: RequestedStatus[];
  complete: boolean;
}

export interface CacheStatus {
  namespaces: { ns: string; objects: number; bytes: number }[];
  lastImport: ImportStatus | undefined;
  imports: ImportStatus[];
}

interface RecordInfo {
  kind?: string;
  tool?: string;
  createdAt?: string;
  bundle?: string;
  requested?: unknown;
}

export function cacheStatus(store: Store): CacheStatus {
  const imports = store.importRecords().map((r): ImportStatus => {
    const info = (r.info ?? {}) as RecordInfo;
    const requested = parseRequested(info.requested).map((q) => ({
      section: q.section,
      item: q.item,
      objects: q.objects.length,
      present: q.objects.filter(([ns, path]) => store.lookup(ns, path) !== undefined).length,
    }));
    return {
      bundleId: r.id,
      bundle: info.bundle ?? '',
      kind: info.kind ?? 'unknown',
      tool: info.tool ?? '',
      createdAt: info.createdAt ?? '',
      importedAt: new Date(r.importedAt).toISOString(),
      requested,
      complete: requested.every((q) => q.present === q.objects),
    };
  });
  return { namespaces: store.namespaces(), lastImport: imports[imports.length - 1], imports };
}

function parseRequested(raw: unknown): Requested[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((q) => {
    const r = requestedSchema.safeParse(q);
    return r.success ? [r.data] : [];
  });
}
