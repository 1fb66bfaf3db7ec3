// `airgap-cache import DIR` for APT trees (seed/apt/tree-import.ts does the work): which archive
// each root is, then a summary of what was taken and what was skipped, with the reason.
import { basename } from 'node:path';
import type { Config } from '../config/schema.js';
import { AgcError } from '../errors.js';
import type { Logger } from '../log.js';
import { findArchiveRoots, findClientCache } from '../seed/apt/tree-find.js';
import { importAptTree, type AptTreeSummary } from '../seed/apt/tree-import.js';
import { clientCacheSuites, mirrorSuites, type SuiteSource } from '../seed/apt/tree-sources.js';
import { expireOldByHash } from '../seed/apt/expire-by-hash.js';
import { type Store } from '../store/store.js';
import { printOutcome, runImportJob } from './import-job.js';

export async function importAptDir(kind: 'apt-mirror-tree' | 'apt-client-cache', dir: string, config: Readonly<Config>, opts: { aptKeyring?: string[] | undefined; aptUrl?: string | undefined }, log: Logger): Promise<void> {
  const suites: SuiteSource[] = [];
  if (kind === 'apt-client-cache') {
    suites.push(...(await clientCacheSuites((await findClientCache(dir))!)));
  } else {
    for (const root of await findArchiveRoots(dir)) suites.push(...(await mirrorSuites(root, opts.aptUrl ?? root.url ?? guessUrl(root.root))));
  }
  if (suites.length === 0) throw new AgcError('AGC_ERR_MIRROR', `${dir}: no suites found`, { subject: dir });
  await runImportJob(
    config,
    async (store) => {
      report(await importAptTree({ store, dir, kind, suites, keyrings: opts.aptKeyring ?? config.apt.keyrings, hostGroups: config.hostGroups, log }), dir);
      await expireAfterImport(store, config);
    },
    { view: false },
  );
}

/** After an import, by-hash objects of snapshots superseded longer ago than the grace period go. */
export async function expireAfterImport(store: Store, config: Readonly<Config>): Promise<void> {
  const namespaces = [...new Set(config.hostGroups.filter((g) => g.site === 'apt').map((g) => g.namespace))];
  const n = await expireOldByHash(store, namespaces, config.apt.byHashGraceDays * 86_400_000);
  if (n > 0) console.log(`  dropped ${n} by-hash objects older than ${config.apt.byHashGraceDays} days that no current InRelease lists`);
}

/** A copy without the host in its path: ubuntu-ports trees are ports.ubuntu.com, the rest the archive. */
export function guessUrl(root: string): string {
  return basename(root) === 'ubuntu-ports' ? 'http://ports.ubuntu.com/ubuntu-ports' : 'http://archive.ubuntu.com/ubuntu';
}

function report(s: AptTreeSummary, dir: string): void {
  printOutcome(s, `APT tree ${dir} (${s.id.slice(0, 12)})`, `imported APT tree ${dir} (${s.id.slice(0, 12)}): ${s.objects} objects, ${s.debs} packages`);
  for (const x of s.suites) console.log(`  ${x.url} ${x.suite}: ${x.indices} index files${x.absent > 0 ? ` (${x.absent} listed files not in the tree)` : ''}`);
  for (const k of s.skipped) console.log(`  skipped ${k.file}: ${k.why}`);
}
