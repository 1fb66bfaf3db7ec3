// What every import command does around its importer: the store open for the run, a progress view,
// and the job published in the data directory (the status page shows it; `gc` waits for it).
import type { Config } from '../config/schema.js';
import { publishJob } from '../seed/job-report.js';
import { Progress } from '../seed/progress.js';
import type { ImportOutcome } from '../store/import-commit.js';
import { openStore, type Store } from '../store/store.js';
import { showProgress } from './progress-view.js';

export async function runImportJob<T>(config: Readonly<Config>, run: (store: Store, progress: Progress) => Promise<T>, opts: { view?: boolean } = {}): Promise<T> {
  const store = openStore({ dataDir: config.dataDir, watchIntervalMs: 0 });
  const progress = new Progress();
  const stop = opts.view === false ? () => undefined : showProgress(progress, { label: 'import' });
  const unpublish = publishJob(config.dataDir, 'import', progress);
  try {
    return await run(store, progress);
  } finally {
    stop();
    unpublish();
    store.close();
  }
}

export interface ImportOutcomeSummary {
  alreadyImportedAt?: number | undefined;
  counts: Record<ImportOutcome, number>;
}

/** The first lines of every import's report: nothing changed (and since when), or what changed. */
export function printOutcome(s: ImportOutcomeSummary, name: string, imported: string): void {
  if (s.alreadyImportedAt !== undefined) {
    console.log(`${name} was already imported on ${new Date(s.alreadyImportedAt).toISOString()}: nothing changed`);
    return;
  }
  const c = s.counts;
  console.log(imported);
  console.log(`  added ${c.added}, replaced ${c.replaced}, unchanged ${c.unchanged}, kept newer ${c['kept-newer']}`);
}
