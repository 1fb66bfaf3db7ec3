// The content store: immutable blobs addressed by sha256 plus an index of (namespace, path) entries.
// It knows bytes, digests and response metadata, nothing about any site's protocol.
import { EventEmitter } from 'node:events';
import { mkdirSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { blobPath, etagFor, indexPath, tmpDir } from './blob-paths.js';
import { createBlobWriter, type BlobWriter, type BlobWriterOptions } from './blob-writer.js';
import { ImportLog, type ImportCommitResult, type ImportRecord } from './import-commit.js';
import { ObjectIndex } from './object-index.js';
import { SmallBlobCache } from './small-blob-cache.js';
import { isAlive } from './process-alive.js';
import type { NewObject, ObjectMeta } from './types.js';

/** Longest a cached entry is served without looking for other processes' commits, ms. */
const RECHECK_MS = 50;

export interface StoreOptions {
  dataDir: string;
  metadataCacheEntries?: number;
  /** How often to look for commits made by another process (an import), ms; 0 disables. */
  watchIntervalMs?: number;
  /** Objects up to this size are kept in memory once read; 0 disables. */
  smallObjectBytes?: number;
  memoryCacheBytes?: number;
}

export interface StoreEvents {
  committed: [ObjectMeta[]];
}

export class Store extends EventEmitter<StoreEvents> {
  readonly dataDir: string;
  private readonly index: ObjectIndex;
  private readonly importLog: ImportLog;
  private readonly watcher: NodeJS.Timeout | undefined;
  private readonly small: SmallBlobCache;
  private lastDataVersion: number;
  private checkedAt = 0;

  constructor(opts: StoreOptions) {
    super();
    this.dataDir = opts.dataDir;
    mkdirSync(tmpDir(opts.dataDir), { recursive: true });
    removeLeftoverTemporaries(opts.dataDir);
    this.index = new ObjectIndex(indexPath(opts.dataDir), opts.metadataCacheEntries ?? 100_000);
    this.importLog = new ImportLog(this.index.db);
    this.lastDataVersion = this.index.dataVersion();
    this.small = new SmallBlobCache(opts.smallObjectBytes ?? 65_536, opts.memoryCacheBytes ?? 128 << 20);
    const every = opts.watchIntervalMs ?? 1000;
    if (every > 0) {
      this.watcher = setInterval(() => this.noticeExternalCommits(), every);
      this.watcher.unref();
    }
  }

  lookup(ns: string, path: string): ObjectMeta | undefined {
    // Another process's commits are looked for before every read of the database and before every
    // cached absence, so an import's entries appear together: never an old cached entry next to a
    // new one read from disk. A cached present entry skips that check for up to RECHECK_MS (the
    // check was a tenth of a small hit's CPU time), so it may be served that long after an import.
    if (Date.now() - this.checkedAt < RECHECK_MS) {
      const hot = this.index.cachedPresent(ns, path);
      if (hot) return hot;
    }
    this.noticeExternalCommits();
    return this.index.get(ns, path);
  }

  /** Entries under a path prefix ending in `/` (a site's own records), newest commits included. */
  list(ns: string, prefix: string): ObjectMeta[] {
    this.noticeExternalCommits();
    return this.index.listPrefix(ns, prefix);
  }

  blobPath(sha256: string): string {
    return blobPath(this.dataDir, sha256);
  }

  /** The bytes of a small object from memory; undefined when too large or not read yet. */
  cachedBytes(meta: ObjectMeta): Buffer | undefined {
    return this.small.get(meta.sha256);
  }

  /** Reads a small object into memory (once, however many ask at the same time). */
  loadSmall(meta: ObjectMeta): Promise<Buffer> | undefined {
    return this.small.fits(meta.size) ? this.small.load(meta.sha256, this.blobPath(meta.sha256)) : undefined;
  }

  createBlobWriter(opts: Omit<BlobWriterOptions, 'dataDir'>): BlobWriter {
    return createBlobWriter({ ...opts, dataDir: this.dataDir });
  }

  /** Records entries whose blobs are already committed; all become visible in one step. */
  commit(entries: readonly NewObject[]): ObjectMeta[] {
    const now = Date.now();
    const full = entries.map((e) => ({ ...e, etag: e.etag ?? etagFor(e.sha256), storedAt: e.storedAt ?? now }));
    this.index.putMany(full);
    this.emit('committed', full);
    return full;
  }

  /**
   * Commits an import's entries in one transaction: an entry fetched upstream earlier than the one
   * stored never replaces it, and a bundle already imported (by record id) changes nothing.
   */
  commitImport(entries: readonly NewObject[], record: ImportRecord): ImportCommitResult {
    const now = Date.now();
    const full = entries.map((e) => ({ ...e, etag: e.etag ?? etagFor(e.sha256), storedAt: e.storedAt ?? now }));
    const result = this.importLog.commit(full, record);
    if ('outcomes' in result) {
      this.index.forgetCached();
      this.emit('committed', full.filter((_, i) => result.outcomes[i] === 'added' || result.outcomes[i] === 'replaced'));
    }
    return result;
  }

  importRecords(): ImportRecord[] {
    return this.importLog.list();
  }

  /** Whether any entry, in any namespace, serves these bytes. */
  isReferenced(sha256: string): boolean {
    return this.index.isReferenced(sha256);
  }

  /** Deletes a blob no entry refers to (what a failed import wrote); a referenced blob is kept. */
  dropBlobIfUnreferenced(sha256: string): boolean {
    if (this.index.isReferenced(sha256)) return false;
    try {
      unlinkSync(blobPath(this.dataDir, sha256));
      return true;
    } catch {
      return false;
    }
  }

  /** Entries of one namespace under a path prefix. */
  entriesUnder(ns: string, prefix: string): IterableIterator<ObjectMeta> {
    return this.index.under(ns, prefix);
  }

  /** Entries of one namespace whose path matches an SQL LIKE pattern (`%/dists/%/InRelease`). */
  entriesLike(ns: string, pattern: string): IterableIterator<ObjectMeta> {
    return this.index.like(ns, pattern);
  }

  remove(ns: string, path: string): void {
    this.index.delete(ns, path);
  }

  namespaces(): { ns: string; objects: number; bytes: number }[] {
    return this.index.countByNamespace();
  }

  entries(): IterableIterator<ObjectMeta> {
    return this.index.all();
  }

  /** Entries whose path matches a SQLite GLOB (its `*` spans slashes): finds every InRelease without reading every .deb. */
  entriesMatching(glob: string): ObjectMeta[] {
    return this.index.matching(glob);
  }

  close(): void {
    if (this.watcher) clearInterval(this.watcher);
    this.index.close();
  }

  private noticeExternalCommits(): void {
    this.checkedAt = Date.now();
    const v = this.index.dataVersion();
    if (v !== this.lastDataVersion) this.index.forgetCached();
    this.lastDataVersion = v;
  }
}

/**
 * A temporary file left by a killed process is never an object: drop those whose writer (named by
 * the pid prefix) is gone, and leave a concurrently running import's files alone.
 */
function removeLeftoverTemporaries(dataDir: string): void {
  for (const name of readdirSync(tmpDir(dataDir))) {
    const pid = Number(name.split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) continue;
    rmSync(join(tmpDir(dataDir), name), { force: true, recursive: true });
  }
}

export function openStore(opts: StoreOptions): Store {
  return new Store(opts);
}
