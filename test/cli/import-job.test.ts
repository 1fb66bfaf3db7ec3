import { afterEach, describe, expect, it, vi } from 'vitest';
import { printOutcome, runImportJob } from '../../src/cli/import-job.js';
import { loadConfig } from '../../src/config/load.js';
import { runningJobs } from '../../src/seed/job-report.js';
import { tempDir } from '../helpers/tmp.js';

afterEach(() => vi.restoreAllMocks());

describe('runImportJob', () => {
  it('publishes the import while it runs (so gc waits) and withdraws it after, also when it fails', async () => {
    const config = { ...loadConfig(undefined), dataDir: tempDir() };
    const seen = await runImportJob(config, async (store) => {
      expect(store.dataDir).toBe(config.dataDir);
      return runningJobs(config.dataDir).map((j) => j.kind);
    }, { view: false });
    expect(seen).toEqual(['import']);
    expect(runningJobs(config.dataDir)).toEqual([]);
    await expect(runImportJob(config, () => Promise.reject(new Error('bad tree')), { view: false })).rejects.toThrow('bad tree');
    expect(runningJobs(config.dataDir)).toEqual([]);
  });
});

describe('printOutcome', () => {
  it('says what changed, or that nothing did and since when', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const counts = { added: 2, replaced: 1, unchanged: 0, 'kept-newer': 3 };
    printOutcome({ counts }, 'bundle abc', 'imported bundle abc: 6 objects');
    printOutcome({ counts, alreadyImportedAt: Date.UTC(2026, 11, 4) }, 'bundle abc', 'unused');
    expect(log.mock.calls.map((c) => c[0])).toEqual([
      'imported bundle abc: 6 objects',
      '  added 2, replaced 1, unchanged 0, kept newer 3',
      'bundle abc was already imported on 2026-12-04T00:00:00.000Z: nothing changed',
    ]);
  });
});
