// A long job the CLI runs beside a serving appliance (import, verify) publishes its progress in the
// data directory, so the appliance's metrics and status page can show it:
//   DATA/jobs/<kind>-<pid>.json   rewritten (temp file + rename) every second, removed at the end.
// A report whose process is gone, or that has not been rewritten for a while, is not a running job.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Progress, ProgressSnapshot } from './progress.js';
import { isAlive } from '../store/process-alive.js';

export interface JobReport {
  kind: string;
  pid: number;
  startedAt: number;
  updatedAt: number;
  progress: ProgressSnapshot;
}

const STALE_MS = 30_000;

export function jobsDir(dataDir: string): string {
  return join(dataDir, 'jobs');
}

/** Starts publishing; the function it returns writes nothing more and removes the report. */
export function publishJob(dataDir: string, kind: string, progress: Progress, everyMs = 1_000): () => void {
  const dir = jobsDir(dataDir);
  const file = join(dir, `${kind}-${process.pid}.json`);
  const startedAt = Date.now();
  const write = (): void => {
    const report: JobReport = { kind, pid: process.pid, startedAt, updatedAt: Date.now(), progress: progress.snapshot() };
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(report));
      renameSync(`${file}.tmp`, file);
    } catch {
      // Progress for the status page is a courtesy: a read-only or full disk must not fail the job.
    }
  };
  write();
  const timer = setInterval(write, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    rmSync(file, { force: true });
    rmSync(`${file}.tmp`, { force: true });
  };
}

export function runningJobs(dataDir: string, now = Date.now()): JobReport[] {
  let names: string[];
  try {
    names = readdirSync(jobsDir(dataDir)).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const out: JobReport[] = [];
  for (const name of names) {
    try {
      const r = JSON.parse(readFileSync(join(jobsDir(dataDir), name), 'utf8')) as JobReport;
      if (typeof r.pid === 'number' && now - r.updatedAt < STALE_MS && isAlive(r.pid)) out.push(r);
    } catch {
      // Half-written by an old version, or removed meanwhile: not a running job.
    }
  }
  return out.sort((a, b) => a.startedAt - b.startedAt);
}
