import type { Command } from 'commander';
import { imagesNamespaces } from '../seed/images/import-check.js';
import { imagesStatus } from '../seed/images/status.js';
import { cacheStatus, type CacheStatus } from '../seed/status.js';
import { openStore } from '../store/store.js';
import { renderImages } from './images-status-view.js';
import { snapNamespaces } from '../seed/snap/import-check.js';
import { snapsStatus } from '../seed/snap/status.js';
import { renderSnaps } from './snaps-status-view.js';
import { charmNamespaces, charmsStatus } from '../seed/charm/status.js';
import { renderCharms } from './charms-status-view.js';
import { addCommonOptions, collect, configFrom, type CommonOptions } from './options.js';
import { formatBytes } from './progress-view.js';

interface StatusOptions extends CommonOptions {
  json?: boolean;
  imagesKeyring?: string[];
}

export function registerStatus(program: Command): void {
  addCommonOptions(program.command('status').description('what the cache holds per namespace, and what each import asked for'))
    .option('--json', 'machine-readable output')
    .option('--images-keyring <file>', 'keyring the stored simplestreams metadata is read with (repeatable; default: images.keyrings from the config)', collect)
    .action(async (opts: StatusOptions) => {
      const config = configFrom({ config: opts.config, dataDir: opts.dataDir, certsDir: opts.certsDir });
      const store = openStore({ dataDir: config.dataDir, watchIntervalMs: 0 });
      try {
        const status = cacheStatus(store);
        const images = await imagesStatus(store, imagesNamespaces(config.hostGroups), opts.imagesKeyring ?? config.images.keyrings);
        const snaps = await snapsStatus(store, snapNamespaces(config.hostGroups));
        const charms = await charmsStatus(store, charmNamespaces(config.hostGroups));
        console.log(opts.json ? JSON.stringify({ ...status, images, snaps, charms }, null, 2) : [render(status), ...renderImages(images), ...renderSnaps(snaps), ...renderCharms(charms)].join('\n'));
      } finally {
        store.close();
      }
    });
}

function render(s: CacheStatus): string {
  const out: string[] = [];
  if (s.namespaces.length === 0) out.push('the cache is empty');
  for (const n of s.namespaces) out.push(`${n.ns.padEnd(20)} ${String(n.objects).padStart(8)} objects ${formatBytes(n.bytes).padStart(11)}`);
  out.push(s.lastImport ? `last import: ${s.lastImport.importedAt} (bundle ${s.lastImport.bundleId.slice(0, 12)})` : 'no imports yet');
  for (const i of s.imports) {
    out.push(`import ${i.bundleId.slice(0, 12)} ${i.importedAt} ${i.kind} ${i.bundle}: ${i.complete ? 'complete' : 'INCOMPLETE'}`);
    for (const q of i.requested) out.push(`  ${q.section}: ${q.item}: ${q.present}/${q.objects} present`);
  }
  return out.join('\n');
}
