import type { Command } from 'commander';
import { AgcError } from '../errors.js';
import { runningJobs } from '../seed/job-report.js';
import { collectGarbage } from '../store/gc.js';
import { openStore } from '../store/store.js';
import { addCommonOptions, configFrom, type CommonOptions } from './options.js';
import { formatBytes } from './progress-view.js';

interface GcCliOptions extends CommonOptions {
  minAge: string;
  dryRun?: boolean;
  json?: boolean;
}

export function registerGc(program: Command): void {
  addCommonOptions(program.command('gc').description('delete stored bytes no entry serves any more (replaced by a newer import or refresh)'))
    .option('--min-age <duration>', 'keep unreferenced bytes younger than this (s, m, h, d)', '1h')
    .option('--dry-run', 'report what would be deleted, delete nothing')
    .option('--json', 'machine-readable report')
    .action(async (opts: GcCliOptions) => {
      const config = configFrom({ config: opts.config, dataDir: opts.dataDir, certsDir: opts.certsDir });
      const minAgeMs = parseDuration(opts.minAge);
      const importing = runningJobs(config.dataDir).find((j) => j.kind === 'import');
      if (importing) throw new AgcError('AGC_ERR_BUSY', `an import (pid ${importing.pid}) is running in ${config.dataDir}; run gc when it has finished`);
      const store = openStore({ dataDir: config.dataDir, watchIntervalMs: 0 });
      try {
        const r = await collectGarbage(store, { minAgeMs, dryRun: opts.dryRun === true });
        if (opts.json) console.log(JSON.stringify(r, null, 2));
        else {
          const verb = opts.dryRun ? 'would delete' : 'deleted';
          console.log(`scanned ${r.scanned} blobs: ${verb} ${r.removed} unreferenced (${formatBytes(r.bytesFreed)}); kept ${r.young} younger than ${opts.minAge}`);
          for (const s of r.strays) console.log(`not a blob, left alone: ${s}`);
        }
      } finally {
        store.close();
      }
    });
}

export function parseDuration(text: string): number {
  const m = /^(\d+)(s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new AgcError('AGC_ERR_CONFIG', `--min-age ${JSON.stringify(text)}: give a number with s, m, h or d (1h, 30m, 2d)`);
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}
