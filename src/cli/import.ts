import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { createRootLogger } from '../log.js';
import { importBundle, type ImportSummary } from '../seed/importer.js';
import { readAhead } from '../seed/read-ahead.js';
import { aptImportCheck } from '../seed/apt/import-check.js';
import { imagesImportCheck, imagesNamespaces } from '../seed/images/import-check.js';
import { snapImportCheck, snapNamespaces } from '../seed/snap/import-check.js';
import { detectImportSource } from '../seed/import-source.js';
import { expireAfterImport } from './import-apt-tree.js';
import { trustedRoots } from './import-snap-tree.js';
import { addCommonOptions, collect, configFrom, type CommonOptions } from './options.js';
import { formatBytes } from './progress-view.js';
import { printOutcome, runImportJob } from './import-job.js';

interface ImportOptions extends CommonOptions {
  verbose?: boolean;
  aptKeyring?: string[];
  imagesKeyring?: string[];
  imagesUrl?: string;
  aptUrl?: string;
  snapChannel?: string;
  snapTrustedKey?: string[];
  charmChannel?: string;
  charmBase?: string[];
  charmId?: string[];
}

export function registerImport(program: Command): void {
  addCommonOptions(
    program
      .command('import')
      .description('verify a bundle or a mirror tree and make its objects visible in the store at once (safe while serve runs)')
      .argument('<bundle>', 'bundle file, - for standard input, or a directory: an sstream-mirror output, an APT mirror copy or apt-mirror tree, an apt client cache, snap download output, juju download output; or a store-admin export tarball (snaps, charms or a bundle)'),
  )
    .option('--verbose', 'log the import')
    .option('--apt-keyring <file>', 'keyring that must sign every APT suite imported (repeatable; default: apt.keyrings from the config)', collect)
    .option('--images-keyring <file>', 'keyring that must sign every simplestreams index and products file imported (repeatable; default: images.keyrings from the config)', collect)
    .option('--apt-url <url>', 'for an APT mirror copy: the archive it mirrors, when its path does not tell (http://archive.ubuntu.com/ubuntu)')
    .option('--snap-channel <channel>', 'for snap download output or a store-admin export: the channel its snaps are published on (default latest/stable; its track becomes a new snap\'s default track)')
    .option('--snap-trusted-key <file>', 'root account-key assertion trusted besides Canonical\'s for snap assertions (repeatable; default: snaps.trustedAccountKeys from the config)', collect)
    .option('--charm-channel <channel>', 'for juju download output, or a store-admin export whose metadata.json names no channel: the channel its charms are published on (14/stable; a bare risk is on the default track)')
    .option('--charm-base <base>', 'with --charm-channel: a base the charms are published for (ubuntu@22.04; repeatable; default: the bases in each charm\'s manifest.yaml)', collect)
    .option('--charm-id <name=id>', 'the Charmhub id of a charm the source does not name one for (juju download output; repeatable; `juju info NAME` shows it)', collect)
    .option('--images-url <url>', 'for a mirror tree: the stream it mirrors, when its path does not tell (http://images.maas.io/ephemeral-v3/stable/)')
    .action(async (bundle: string, opts: ImportOptions) => {
      const config = configFrom({ config: opts.config, dataDir: opts.dataDir, certsDir: opts.certsDir });
      const log = createRootLogger(opts.verbose ? 'info' : 'warn');
      const src = await detectImportSource(bundle);
      // Loaded only for a tree: the tree importers are most of this command's modules.
      if (src.kind === 'tree') return (await import('./import-tree.js')).importTree(src, config, opts, log);
      const fromStdin = bundle === '-';
      const size = fromStdin ? undefined : (await stat(bundle)).size;
      const source = fromStdin ? process.stdin : readAhead(bundle);
      await runImportJob(config, async (store, progress) => {
        const summary = await importBundle({
          store,
          source,
          name: fromStdin ? 'stdin' : bundle,
          size,
          servedNamespaces: new Set(config.hostGroups.map((g) => g.namespace)),
          progress,
          checks: [
            aptImportCheck(opts.aptKeyring ?? config.apt.keyrings),
            imagesImportCheck(opts.imagesKeyring ?? config.images.keyrings, imagesNamespaces(config.hostGroups)),
            snapImportCheck(await trustedRoots(config, opts), snapNamespaces(config.hostGroups), async (ns, path) => {
              const meta = store.lookup(ns, path);
              return meta ? readFile(store.blobPath(meta.sha256)) : undefined;
            }),
          ],
          log,
        });
        report(summary);
        await expireAfterImport(store, config);
      });
    });
}

function report(s: ImportSummary): void {
  printOutcome(s, `bundle ${s.bundleId.slice(0, 12)}`, `imported bundle ${s.bundleId.slice(0, 12)} (${s.kind}, made ${s.createdAt} by ${s.tool}): ${s.objects} objects`);
  console.log(`  payloads written ${s.blobsWritten} (${formatBytes(s.bytesWritten)}), already in the store ${s.blobsPresent}`);
  for (const w of s.warnings) console.log(`  warning: ${w}`);
}
