import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobsDir, publishJob, runningJobs } from '../../src/seed/job-report.js';
import { Progress } from '../../src/seed/progress.js';
import { tempDir } from '../helpers/tmp.js';

describe('job reports', () => {
  it('a running job publishes its progress beside the data, and removes it when done', async () => {
    const dataDir = tempDir();
    const progress = new Progress();
    progress.begin({ phase: 'import', totalBytes: 1000, totalItems: 4 });
    const stop = publishJob(dataDir, 'import', progress, 20);
    progress.add(250);
    progress.itemDone();
    await new Promise((r) => setTimeout(r, 80));
    const [job, ...rest] = runningJobs(dataDir);
    expect(rest).toEqual([]);
    expect(job).toMatchObject({ kind: 'import', pid: process.pid, progress: { phase: 'import', doneBytes: 250, totalBytes: 1000, doneItems: 1, totalItems: 4 } });
    stop();
    expect(runningJobs(dataDir)).toEqual([]);
    expect(readdirSync(jobsDir(dataDir))).toEqual([]);
  });

  it('ignores reports of dead processes, stale or broken reports, and a missing directory', () => {
    const dataDir = tempDir();
    expect(runningJobs(dataDir)).toEqual([]);
    mkdirSync(jobsDir(dataDir));
    const report = (pid: number, updatedAt: number) => JSON.stringify({ kind: 'verify', pid, startedAt: 0, updatedAt, progress: {} });
    writeFileSync(join(jobsDir(dataDir), 'verify-1.json'), report(2 ** 22 + 7, Date.now()));
    writeFileSync(join(jobsDir(dataDir), 'verify-2.json'), report(process.pid, Date.now() - 60_000));
    writeFileSync(join(jobsDir(dataDir), 'verify-3.json'), '{"kind":');
    expect(runningJobs(dataDir)).toEqual([]);
    expect(existsSync(join(jobsDir(dataDir), 'verify-3.json'))).toBe(true);
  });
});
