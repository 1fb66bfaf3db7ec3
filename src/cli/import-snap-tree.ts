// `airgap-cache import DIR|TARBALL` for snaps admins already have: `snap download` output, or an
// Enterprise Store `store-admin export` tarball (unpacked first). Imported by
// seed/snap/tree-import.ts as published on --snap-channel, reported here.
import { readFile } from 'node:fs/promises';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { withUnpacked } from '../seed/snap/export-archive.js';
import { importSnapTree, type SnapTreeSummary } from '../seed/snap/tree-import.js';
import { printOutcome, runImportJob } from './import-job.js';

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
  const summary = await runImportJob(config, (store, progress) => {
    const run = (dir: string) => importSnapTree({ store, dir, channel: opts.snapChannel ?? 'latest/stable', trustedRoots: roots, hostGroups: config.hostGroups, kind, progress, log });
    return kind === 'store-admin-export' ? withUnpacked(path, run) : run(path);
  });
  report(summary, kind, path);
}

function report(s: SnapTreeSummary, kind: string, path: string): void {
  printOutcome(s, `${kind} ${path} (${s.id.slice(0, 12)})`, `imported ${kind} ${path} (${s.id.slice(0, 12)}): ${s.objects} objects`);
  for (const snap of s.snaps) console.log(`  ${snap.name} revision ${snap.revision} on ${snap.channel} (${snap.architectures.join(', ')})`);
  console.log(`  payloads written ${s.blobsWritten}`);
}
