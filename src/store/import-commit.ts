// An import's commit: all of a bundle's entries in one transaction, where an entry never replaces
// one that was fetched from upstream later, plus a record of the import itself (same transaction,
// so a status page never shows an import whose objects are not there or the reverse).
import type Database from 'better-sqlite3';
import { fromRow, toRow, type Row } from './object-index.js';
import type { ObjectMeta } from './types.js';

export type ImportOutcome = 'added' | 'replaced' | 'unchanged' | 'kept-newer';

export interface ImportRecord {
  /** The bundle's id: importing the same bundle again is recognised by it. */
  id: string;
  importedAt: number;
  /** What the importer wants to remember (kind, manifest, what it asked for); opaque to the store. */
  info: unknown;
}

export type ImportCommitResult = { already: ImportRecord } | { outcomes: ImportOutcome[] };

const schema = `
CREATE TABLE IF NOT EXISTS imports (
  id TEXT PRIMARY KEY,
  imported_at INTEGER NOT NULL,
  info TEXT NOT NULL
) WITHOUT ROWID;
`;

interface ImportRow {
  id: string;
  imported_at: number;
  info: string;
}

export class ImportLog {
  private readonly getObject: Database.Statement<[string, string], Row>;
  private readonly insertObject: Database.Statement<Row>;
  private readonly updateObject: Database.Statement<Row>;
  private readonly getImport: Database.Statement<[string], ImportRow>;
  private readonly putImport: Database.Statement<ImportRow>;

  constructor(private readonly db: Database.Database) {
    db.exec(schema);
    const cols = 'ns, path, sha256, size, content_type, last_modified, etag, digests, source, stored_at, fetched_at';
    const vals = '@ns, @path, @sha256, @size, @content_type, @last_modified, @etag, @digests, @source, @stored_at, @fetched_at';
    this.getObject = db.prepare('SELECT * FROM objects WHERE ns = ? AND path = ?');
    this.insertObject = db.prepare(`INSERT INTO objects (${cols}) VALUES (${vals})`);
    this.updateObject = db.prepare(`REPLACE INTO objects (${cols}) VALUES (${vals})`);
    this.getImport = db.prepare('SELECT * FROM imports WHERE id = ?');
    this.putImport = db.prepare('INSERT INTO imports (id, imported_at, info) VALUES (@id, @imported_at, @info)');
  }

  /** Commits the entries and the record at once; a bundle already imported changes nothing. */
  commit(entries: readonly ObjectMeta[], record: ImportRecord): ImportCommitResult {
    // IMMEDIATE: take the write lock before reading, so a fill committing meanwhile cannot slip
    // between the "is mine newer?" check and the write.
    return this.db.transaction((): ImportCommitResult => {
      const prior = this.getImport.get(record.id);
      if (prior) return { already: fromImportRow(prior) };
      const outcomes = entries.map((e) => this.put(e));
      this.putImport.run({ id: record.id, imported_at: record.importedAt, info: JSON.stringify(record.info) });
      return { outcomes };
    }).immediate();
  }

  list(): ImportRecord[] {
    return (this.db.prepare('SELECT * FROM imports ORDER BY imported_at, id').all() as ImportRow[]).map(fromImportRow);
  }

  private put(e: ObjectMeta): ImportOutcome {
    const row = this.getObject.get(e.ns, e.path);
    if (!row) {
      this.insertObject.run(toRow(e));
      return 'added';
    }
    const cur = fromRow(row);
    if (sameContent(cur, e)) return 'unchanged';
    if ((cur.fetchedAt ?? cur.storedAt) > (e.fetchedAt ?? e.storedAt)) return 'kept-newer';
    this.updateObject.run(toRow(e));
    return 'replaced';
  }
}

function sameContent(a: ObjectMeta, b: ObjectMeta): boolean {
  return a.sha256 === b.sha256 && a.contentType === b.contentType && a.lastModified === b.lastModified && canonical(a.digests) === canonical(b.digests);
}

function canonical(d: Record<string, string>): string {
  return JSON.stringify(Object.entries(d).sort(([x], [y]) => (x < y ? -1 : 1)));
}

function fromImportRow(r: ImportRow): ImportRecord {
  return { id: r.id, importedAt: r.imported_at, info: JSON.parse(r.info) as unknown };
}
