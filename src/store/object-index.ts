// The metadata index: (namespace, path) -> blob and response metadata, in SQLite (WAL), so a batch
// of entries becomes visible in one transaction and start-up reads nothing but the schema. Hot
// entries are kept in an LRU in front of it.
import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { ObjectMeta } from './types.js';

export interface Row {
  ns: string;
  path: string;
  sha256: string;
  size: number;
  content_type: string;
  last_modified: number;
  etag: string;
  digests: string;
  source: string;
  stored_at: number;
  fetched_at: number | null;
}

const schema = `
CREATE TABLE IF NOT EXISTS objects (
  ns TEXT NOT NULL,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  last_modified INTEGER NOT NULL,
  etag TEXT NOT NULL,
  digests TEXT NOT NULL,
  source TEXT NOT NULL,
  stored_at INTEGER NOT NULL,
  PRIMARY KEY (ns, path)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS objects_sha256 ON objects (sha256);
`;

const MISSING = Symbol('missing');

export class ObjectIndex {
  readonly db: Database.Database;
  private readonly cache: LRUCache<string, ObjectMeta | typeof MISSING>;
  private readonly getStmt: Database.Statement<[string, string], Row>;
  private readonly putStmt: Database.Statement<Row>;
  private readonly delStmt: Database.Statement<[string, string]>;
  private readonly versionStmt: Database.Statement<[], number>;

  constructor(file: string, cacheEntries: number) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(schema);
    addFetchedAtColumn(this.db);
    this.cache = new LRUCache({ max: cacheEntries });
    this.getStmt = this.db.prepare('SELECT * FROM objects WHERE ns = ? AND path = ?');
    this.putStmt = this.db.prepare(
      `INSERT INTO objects (ns, path, sha256, size, content_type, last_modified, etag, digests, source, stored_at, fetched_at)
       VALUES (@ns, @path, @sha256, @size, @content_type, @last_modified, @etag, @digests, @source, @stored_at, @fetched_at)
       ON CONFLICT (ns, path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size,
         content_type = excluded.content_type, last_modified = excluded.last_modified, etag = excluded.etag,
         digests = excluded.digests, source = excluded.source, stored_at = excluded.stored_at, fetched_at = excluded.fetched_at`,
    );
    this.delStmt = this.db.prepare('DELETE FROM objects WHERE ns = ? AND path = ?');
    this.versionStmt = this.db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  get(ns: string, path: string): ObjectMeta | undefined {
    const key = cacheKey(ns, path);
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit === MISSING ? undefined : hit;
    const row = this.getStmt.get(ns, path);
    const meta = row === undefined ? undefined : fromRow(row);
    this.cache.set(key, meta ?? MISSING);
    return meta;
  }

  /** The entry when it is in memory and present; never reads the database. */
  cachedPresent(ns: string, path: string): ObjectMeta | undefined {
    const hit = this.cache.get(cacheKey(ns, path));
    return hit === MISSING ? undefined : hit;
  }

  /** Makes every entry visible at once, or none of them. */
  putMany(entries: readonly ObjectMeta[]): void {
    this.db.transaction((list: readonly ObjectMeta[]) => {
      for (const m of list) this.putStmt.run(toRow(m));
    })(entries);
    for (const m of entries) this.cache.set(cacheKey(m.ns, m.path), m);
  }

  delete(ns: string, path: string): void {
    this.delStmt.run(ns, path);
    this.cache.delete(cacheKey(ns, path));
  }

  /** Changes whenever another connection (another process) commits to the database. */
  dataVersion(): number {
    return this.versionStmt.get()!;
  }

  /** Drops the in-memory copy so another process's commits (an import) are seen. */
  forgetCached(): void {
    this.cache.clear();
  }

  countByNamespace(): { ns: string; objects: number; bytes: number }[] {
    return this.db.prepare('SELECT ns, COUNT(*) AS objects, COALESCE(SUM(size), 0) AS bytes FROM objects GROUP BY ns ORDER BY ns').all() as {
      ns: string;
      objects: number;
      bytes: number;
    }[];
  }

  /** Entries of one namespace whose path starts with `prefix`, in path order. */
  *under(ns: string, prefix: string): IterableIterator<ObjectMeta> {
    const rows = this.db.prepare('SELECT * FROM objects WHERE ns = ? AND path >= ? AND path < ? ORDER BY path').iterate(ns, prefix, `${prefix}\uffff`) as IterableIterator<Row>;
    for (const row of rows) yield fromRow(row);
  }

  /** Entries of one namespace whose path matches an SQL LIKE pattern. */
  *like(ns: string, pattern: string): IterableIterator<ObjectMeta> {
    const rows = this.db.prepare('SELECT * FROM objects WHERE ns = ? AND path LIKE ? ORDER BY path').iterate(ns, pattern) as IterableIterator<Row>;
    for (const row of rows) yield fromRow(row);
  }

  *all(): IterableIterator<ObjectMeta> {
    for (const row of this.db.prepare('SELECT * FROM objects ORDER BY ns, path').iterate() as IterableIterator<Row>) yield fromRow(row);
  }

  /** Every entry of a namespace whose path starts with `prefix` (which ends in `/`), in path order. */
  listPrefix(ns: string, prefix: string): ObjectMeta[] {
    const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    const rows = this.db.prepare('SELECT * FROM objects WHERE ns = ? AND path >= ? AND path < ? ORDER BY path').all(ns, prefix, upper) as Row[];
    return rows.map(fromRow);
  }

  /** Entries whose path matches a SQLite GLOB pattern, found without materialising the others. */
  matching(glob: string): ObjectMeta[] {
    return (this.db.prepare('SELECT * FROM objects WHERE path GLOB ? ORDER BY ns, path').all(glob) as Row[]).map(fromRow);
  }

  isReferenced(sha256: string): boolean {
    return this.db.prepare('SELECT 1 FROM objects WHERE sha256 = ? LIMIT 1').get(sha256) !== undefined;
  }

  close(): void {
    this.db.close();
  }
}

function cacheKey(ns: string, path: string): string {
  return `${ns}\0${path}`;
}

/** Databases made before `fetched_at` existed get the column; NULL there means "when stored". */
function addFetchedAtColumn(db: Database.Database): void {
  const cols = db.prepare<[], string>("SELECT name FROM pragma_table_info('objects')").pluck().all();
  if (!cols.includes('fetched_at')) db.exec('ALTER TABLE objects ADD COLUMN fetched_at INTEGER');
}

export function fromRow(r: Row): ObjectMeta {
  const meta: ObjectMeta = {
    ns: r.ns,
    path: r.path,
    sha256: r.sha256,
    size: r.size,
    contentType: r.content_type,
    lastModified: r.last_modified,
    etag: r.etag,
    digests: JSON.parse(r.digests) as Record<string, string>,
    source: r.source,
    storedAt: r.stored_at,
  };
  if (r.fetched_at !== null) meta.fetchedAt = r.fetched_at;
  return meta;
}

export function toRow(m: ObjectMeta): Row {
  return {
    ns: m.ns,
    path: m.path,
    sha256: m.sha256,
    size: m.size,
    content_type: m.contentType,
    last_modified: m.lastModified,
    etag: m.etag,
    digests: JSON.stringify(m.digests),
    source: m.source,
    stored_at: m.storedAt,
    fetched_at: m.fetchedAt ?? null,
  };
}
