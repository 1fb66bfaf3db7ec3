import type { Command } from 'commander';
import { exportBundle } from '../seed/exporter.js';
import { Progress } from '../seed/progress.js';
import { openStore } from '../store/store.js';
import { addCommonOptions, collect, configFrom, type CommonOptions } from './options.js';
import { formatBytes, showProgress } from './progress-view.js';

interface ExportOptions extends CommonOptions {
  out: string;
  namespace?: string[];
}

export function registerExport(program: Command): void {
  addCommonOptions(program.command('export').description("write what this appliance holds as a bundle for another one (record mode)"))
    .requiredOption('--out <bundle>', 'bundle file to write')
    .option('--namespace <name>', 'only this namespace (repeatable; default: all)', collect)
    .action(async (opts: ExportOptions) => {
      const config = configFrom({ config: opts.config, dataDir: opts.dataDir, certsDir: opts.certsDir });
      const store = openStore({ dataDir: config.dataDir, watchIntervalMs: 0 });
      const progress = new Progress();
      const stop = showProgress(progress, { label: 'export' });
      try {
        const b = await exportBundle({ store, out: opts.out, namespaces: opts.namespace, progress });
        console.log(`bundle ${opts.out}: id ${b.id.slice(0, 12)}, ${b.objects} objects, ${b.blobs} payloads, ${formatBytes(b.payloadBytes)}`);
      } finally {
        stop();
        store.close();
      }
    });
}
