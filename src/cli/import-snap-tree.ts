// `airgap-cache import DIR|TARBALL` for snaps admins already have: `snap download` output, or an
// Enterprise Store `store-admin export` tarball (unpacked first). Imported by
// seed/snap/tree-import.ts as published on --snap-channel, reported here.
import { readFile } from 'node:fs/promises';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { publishJob } from '../seed/job-report.js';
import { Progress } from '../seed/progress.js';
import { withUnpacked } from '../seed/snap/export-archive.js';
import { importSnapTree, type SnapTreeSummary } from '../seed/snap/tree-import.js';
import { openStore } from '../store/store.js';
import { showProgress } from './progress-view.js';

export interface SnapTreeOptions {
  snapChannel?: string | undefined;
  snapTrustedKey?: string[] | undefined;
}

/** The extra trusted roots: --snap-trusted-key files, else snaps.trustedAccountKeys from the config. */
export function trustedRoots(config: Readonly<Config>, opts: SnapTreeOptions): Promise<Buffer[]> {
  return Promise.all((opts.snapTrustedKey ?? config.snaps.trustedAccountKeys).map((f) => readFile(f)));
}

export async function importSnapDir(kind: 'snap-download' | 'store-admin-export', path: string, config: Readonly<Config>, opts: SnapTreeOptions, log: Logger): Promise<void> {
  const roots = await trustedRoots(config, opts);
  const store = openStore({ dataDir: config.dataDir, watchIntervalMs: 0 });
  const progress = new Progress();
  const stop = showProgress(progress, { label: 'import' });
  const unpublish = publishJob(config.dataDir, 'import', progress);
  try {
    const run = (dir: string) => importSnapTree({ store, dir, channel: opts.snapChannel ?? 'latest/stable', trustedRoots: roots, hostGroups: config.hostGroups, kind, progress, log });
    const summary = kind === 'store-admin-export' ? await withUnpacked(path, run) : await run(path);
    report(summary, kind, path);
  } finally {
    stop();
    unpublish();
    store.close();
  }
}

function report(s: SnapTreeSummary, kind: string, path: string): void {
  const c = s.counts;
  if (s.alreadyImportedAt !== undefined) {
    console.log(`${kind} ${path} (${s.id.slice(0, 12)}) was already imported on ${new Date(s.alreadyImportedAt).toISOString()}: nothing changed`);
  } else {
    console.log(`imported ${kind} ${path} (${s.id.slice(0, 12)}): ${s.objects} objects`);
    console.log(`  added ${c.added}, replaced ${c.replaced}, unchanged ${c.unchanged}, kept newer ${c['kept-newer']}`);
  }
  for (const snap of s.snaps) console.log(`  ${snap.name} revision ${snap.revision} on ${snap.channel} (${snap.architectures.join(', ')})`);
  console.log(`  payloads written ${s.blobsWritten}`);
}
