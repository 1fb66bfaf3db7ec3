// The seed's work directory, next to the output (`BUNDLE.work/`): what a run has fetched survives
// an interruption, so the next run fetches only what is missing.
//
//   lock                 pid of the seed using it
//   journal.ndjson       one line per completed, verified download (appended, fsynced)
//   blobs/<sha256>       the verified bytes of each completed download
//   partial/<key>.part   bytes of an unfinished download, resumed with Range/If-Range
//   partial/<key>.json   the validator and headers those bytes came with
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, open, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AgcError } from '../errors.js';
import { isAlive } from '../store/process-alive.js';

const journalLine = z.object({
  url: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  contentType: z.string(),
  lastModified: z.number(),
  fetchedAt: z.number(),
  digests: z.record(z.string(), z.string()),
});

export type Completed = z.infer<typeof journalLine>;

export class WorkDir {
  private readonly completed = new Map<string, Completed>();

  private constructor(readonly dir: string) {}

  /** Opens (creating) the work directory and takes its lock; `fresh` discards what an earlier run left. */
  static async open(dir: string, opts: { fresh?: boolean } = {}): Promise<WorkDir> {
    if (opts.fresh) await rm(dir, { recursive: true, force: true });
    await mkdir(join(dir, 'blobs'), { recursive: true });
    await mkdir(join(dir, 'partial'), { recursive: true });
    const work = new WorkDir(dir);
    await work.lock();
    await work.loadJournal();
    return work;
  }

  blobFile(sha256: string): string {
    return join(this.dir, 'blobs', sha256);
  }

  partialFiles(url: string): { data: string; meta: string } {
    const key = createHash('sha256').update(url).digest('hex').slice(0, 32);
    return { data: join(this.dir, 'partial', `${key}.part`), meta: join(this.dir, 'partial', `${key}.json`) };
  }

  /** The completed download of this URL, if its bytes are still there. */
  async done(url: string): Promise<Completed | undefined> {
    const c = this.completed.get(url);
    if (!c) return undefined;
    const st = await stat(this.blobFile(c.sha256)).catch(() => undefined);
    return st?.size === c.size ? c : undefined;
  }

  async record(c: Completed): Promise<void> {
    const fh = await open(join(this.dir, 'journal.ndjson'), 'a');
    try {
      await fh.write(JSON.stringify(c) + '\n');
      await fh.sync();
    } finally {
      await fh.close();
    }
    this.completed.set(c.url, c);
  }

  /** Forgets a completed download whose bytes turned out bad, so the next run fetches it again. */
  async forget(url: string): Promise<void> {
    const c = this.completed.get(url);
    this.completed.delete(url);
    if (c) await unlink(this.blobFile(c.sha256)).catch(() => undefined);
  }

  get completedCount(): number {
    return this.completed.size;
  }

  async release(): Promise<void> {
    await unlink(join(this.dir, 'lock')).catch(() => undefined);
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  private async lock(): Promise<void> {
    const file = join(this.dir, 'lock');
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = Number(readFileSync(file, 'utf8'));
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new AgcError('AGC_ERR_SEED', `another seed (pid ${holder}) is using the work directory ${this.dir}`, { subject: this.dir });
    }
    await writeFile(file, String(process.pid));
  }

  /** A line cut off by a crash, or one that does not parse, is ignored: that download is redone. */
  private async loadJournal(): Promise<void> {
    const text = await readFile(join(this.dir, 'journal.ndjson'), 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!line) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        continue;
      }
      const r = journalLine.safeParse(parsed);
      if (r.success) this.completed.set(r.data.url, r.data);
    }
  }
}
