// The last step every directory import shares (APT trees, sstream mirrors, snap folders): all the
// entries it gathered become visible in one transaction under an id derived from their contents, so
// the same tree imported twice is recognised; if anything failed before, the blobs the import wrote
// and nobody references are removed again.
import { createHash } from 'node:crypto';
import type { ImportOutcome } from '../store/import-commit.js';
import type { Store } from '../store/store.js';
import type { NewObject } from '../store/types.js';
import { toolVersion, type Requested } from './bundle/format.js';

export interface TreeCommit {
  /** What kind of tree this was, kept in the import record (`apt-mirror`, `sstream-mirror`, …). */
  kind: string;
  /** The directory, for the record and messages. */
  dir: string;
  /** Entries' `source` is set here: `<sourcePrefix>:<id>`. */
  sourcePrefix: string;
  entries: readonly NewObject[];
  requested: Requested[];
}

export interface TreeCommitResult {
  id: string;
  counts: Record<ImportOutcome, number>;
  /** Set when exactly this tree had been imported before: nothing changed. */
  alreadyImportedAt: number | undefined;
}

export function treeId(entries: readonly Pick<NewObject, 'ns' | 'path' | 'sha256'>[]): string {
  return createHash('sha256')
    .update(entries.map((e) => `${e.ns} ${e.path} ${e.sha256}\n`).sort().join(''))
    .digest('hex');
}

export function commitTree(store: Store, t: TreeCommit): TreeCommitResult {
  const id = treeId(t.entries);
  const source = `${t.sourcePrefix}:${id.slice(0, 16)}`;
  const result = store.commitImport(
    t.entries.map((e) => ({ ...e, source })),
    { id, importedAt: Date.now(), info: { kind: t.kind, tool: toolVersion(), createdAt: new Date().toISOString(), bundle: t.dir, manifest: null, requested: t.requested } },
  );
  const counts: Record<ImportOutcome, number> = { added: 0, replaced: 0, unchanged: 0, 'kept-newer': 0 };
  if ('outcomes' in result) for (const o of result.outcomes) counts[o] += 1;
  else counts.unchanged = t.entries.length;
  return { id, counts, alreadyImportedAt: 'already' in result ? result.already.importedAt : undefined };
}

/** After a failed import: removes the blobs it wrote that no entry references; returns how many. */
export function dropWritten(store: Store, written: readonly string[]): number {
  return written.filter((sha) => store.dropBlobIfUnreferenced(sha)).length;
}
