import type { Command } from 'commander';
import { AgcError } from '../errors.js';
import { publishJob } from '../seed/job-report.js';
import { Progress } from '../seed/progress.js';
import { verifyStore } from '../seed/verify.js';
import { openStore } from '../store/store.js';
import { addCommonOptions, configFrom, type CommonOptions } from './options.js';
import { formatBytes, showProgress } from './progress-view.js';

interface VerifyOptions extends CommonOptions {
  json?: boolean;
}

export function registerVerify(program: Command): void {
  addCommonOptions(program.command('verify').description('re-hash every stored object; exit non-zero if any is corrupt'))
    .option('--json', 'machine-readable report')
    .action(async (opts: VerifyOptions) => {
      const config = configFrom({ config: opts.config, dataDir: opts.dataDir, certsDir: opts.certsDir });
      const store = openStore({ dataDir: config.dataDir, watchIntervalMs: 0 });
      const progress = new Progress();
      const stop = showProgress(progress, { label: 'verify' });
      const unpublish = publishJob(config.dataDir, 'verify', progress);
      try {
        const r = await verifyStore(store, progress);
        stop();
        if (opts.json) console.log(JSON.stringify(r, null, 2));
        else {
          console.log(`verified ${r.blobs} blobs, ${formatBytes(r.bytes)}: ${r.corrupt.length === 0 ? 'all good' : `${r.corrupt.length} corrupt`}`);
          for (const c of r.corrupt) console.log(`corrupt ${c.sha256}: ${c.problem}; serves ${c.objects.join(', ')}`);
        }
        if (r.corrupt.length > 0) {
          const first = r.corrupt[0]!;
          throw new AgcError('AGC_ERR_CORRUPT', `${r.corrupt.length} corrupt blob(s), first ${first.objects[0]}: ${first.problem}`, { subject: first.objects[0] });
        }
      } finally {
        stop();
        unpublish();
        store.close();
      }
    });
}
