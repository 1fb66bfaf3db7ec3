// `airgap-cache import DIR` for an sstream-mirror tree (src/seed/import-source.ts recognises it):
// imported by seed/images/tree-import.ts and reported here.
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { importMirrorTree, type TreeImportSummary } from '../seed/images/tree-import.js';
import type { ImportSource } from '../seed/import-source.js';
import { importAptDir } from './import-apt-tree.js';
import { importCharmDir, type CharmTreeOptions } from './import-charm-tree.js';
import { importSnapDir, type SnapTreeOptions } from './import-snap-tree.js';
import { formatBytes } from './progress-view.js';
import { printOutcome, runImportJob } from './import-job.js';

export interface TreeOptions extends SnapTreeOptions, CharmTreeOptions {
  imagesKeyring?: string[] | undefined;
  imagesUrl?: string | undefined;
  aptKeyring?: string[] | undefined;
  aptUrl?: string | undefined;
}

export async function importTree(src: Extract<ImportSource, { kind: 'tree' }>, config: Readonly<Config>, opts: TreeOptions, log: Logger): Promise<void> {
  if (src.tree === 'apt-mirror-tree' || src.tree === 'apt-client-cache') return importAptDir(src.tree, src.dir, config, opts, log);
  if (src.tree === 'snap-download' || src.tree === 'store-admin-export') return importSnapDir(src.tree, src.dir, config, opts, log);
  if (src.tree === 'juju-download' || src.tree === 'charm-store-admin-export') return importCharmDir(src.tree, src.dir, config, opts, log);
  if (src.tree !== 'sstream-mirror') throw new Error(`no importer for ${src.tree} trees`);
  const summary = await runImportJob(config, (store, progress) =>
    importMirrorTree({ store, dir: src.dir, url: opts.imagesUrl, keyrings: opts.imagesKeyring ?? config.images.keyrings, hostGroups: config.hostGroups, progress, log }),
  );
  report(summary, src.dir);
}

function report(s: TreeImportSummary, dir: string): void {
  printOutcome(s, `mirror ${dir} (${s.id.slice(0, 12)})`, `imported sstream-mirror tree ${dir} (${s.id.slice(0, 12)}): ${s.objects} objects`);
  for (const st of s.streams) console.log(`  ${st.url}: ${st.metadata} metadata files, ${st.items} items${st.absent > 0 ? ` (${st.absent} listed items not in the tree: they stay 404)` : ''}`);
  console.log(`  payloads written ${s.blobsWritten} (${formatBytes(s.bytesWritten)})`);
}
