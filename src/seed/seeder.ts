// `seed`: manifest -> fetch (resumably, into BUNDLE.work/) -> one bundle. Every section is checked
// before anything is fetched; the bundle is written only when every object was fetched and
// verified, and the work directory is removed once the bundle is complete.
import { dirname } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { HostMatcher } from '../config/host-groups.js';
import type { HostGroup } from '../config/schema.js';
import { AgcError } from '../errors.js';
import type { Logger } from '../log.js';
import { callUpstream } from '../upstream/api-call.js';
import type { UpstreamDispatcher } from '../upstream/get.js';
import { writeBundle, type WrittenBundle } from './bundle/bundle-writer.js';
import { objectName, type BundleObject, type Requested } from './bundle/format.js';
import { putComposed } from './composed.js';
import { Fetcher, type FetchStats } from './fetcher.js';
import type { Manifest } from './manifest.js';
import type { Progress } from './progress.js';
import type { SectionContext, StoreTarget } from './sections/section.js';
import { targetOf } from './target.js';
import { WorkDir } from './work-dir.js';

export interface SeedOptions {
  manifest: Manifest;
  out: string;
  hostGroups: readonly HostGroup[];
  dispatcher: UpstreamDispatcher;
  concurrency?: number;
  retries?: number;
  retryDelayMs?: number;
  /** Discard what an earlier, interrupted run fetched. */
  fresh?: boolean;
  /** Keep BUNDLE.work/ after success (by default it is removed). */
  keepWork?: boolean;
  progress?: Progress | undefined;
  log: Logger;
}

export interface SeedSummary {
  bundle: WrittenBundle;
  out: string;
  workDir: string;
  stats: FetchStats;
}

/** A seed's API calls (store JSON, assertions): generous, since nobody is waiting on a 10 s client timeout. */
const API_TIMEOUT_MS = 60_000;
const API_MAX_BYTES = 64 << 20;

export function workDirFor(out: string): string {
  return `${out}.work`;
}

export async function seed(opts: SeedOptions): Promise<SeedSummary> {
  const { manifest, log, progress } = opts;
  const matcher = new HostMatcher(opts.hostGroups);
  const target = (url: string, key: string): StoreTarget => {
    const t = targetOf(url, matcher);
    if ('problem' in t) throw new AgcError('AGC_ERR_MANIFEST', `${manifest.file}: ${key}: ${url} ${t.problem}`, { subject: key });
    return t;
  };
  for (const { section, config } of manifest.sections) section.check?.(config, { target });

  await mkdir(dirname(opts.out), { recursive: true });
  const workDir = workDirFor(opts.out);
  const work = await WorkDir.open(workDir, { fresh: opts.fresh });
  try {
    const fetcher = new Fetcher({
      work,
      dispatcher: opts.dispatcher,
      progress,
      concurrency: opts.concurrency ?? 4,
      retries: opts.retries ?? 3,
      retryDelayMs: opts.retryDelayMs ?? 1000,
      log: log.child({ mod: 'seed-fetch' }),
    });
    const ctx: SectionContext = {
      target,
      fetch: (spec) => fetcher.fetch(spec),
      api: (call) => callUpstream(opts.dispatcher, call, { timeoutMs: API_TIMEOUT_MS, maxBytes: API_MAX_BYTES }),
      put: (spec) => putComposed(work, spec),
      log,
    };
    if (work.completedCount > 0) log.info({ workDir, completed: work.completedCount }, 'resuming: downloads completed by an earlier run are kept');
    progress?.begin({ phase: 'fetching' });
    const objects: BundleObject[] = [];
    const requested: Requested[] = [];
    for (const { section, config, companions } of manifest.sections) {
      const r = await section.seed(config, { ...ctx, log: log.child({ section: section.key }) }, companions);
      objects.push(...r.objects);
      requested.push(...r.requested);
    }
    progress?.finish();
    progress?.begin({ phase: 'writing bundle' });
    const bundle = await writeBundle(opts.out, {
      kind: 'seed',
      manifest: manifest.text,
      requested,
      objects: distinct(objects),
      blobFile: (sha) => work.blobFile(sha),
      progress,
    }).catch(async (err: unknown) => {
      // A work blob that changed since it was verified is fetched again by the next run.
      if (err instanceof AgcError && err.code === 'AGC_ERR_CORRUPT') for (const o of objects) if (objectName(o) === err.subject && o.url) await work.forget(o.url);
      throw err;
    });
    progress?.finish();
    if (opts.keepWork) await work.release();
    else await work.remove();
    return { bundle, out: opts.out, workDir, stats: fetcher.stats };
  } catch (err) {
    await work.release();
    throw err;
  }
}

/** The same (namespace, path) from two sections must be the same bytes; it is bundled once. */
function distinct(objects: BundleObject[]): BundleObject[] {
  const byKey = new Map<string, BundleObject>();
  for (const o of objects) {
    const key = objectName(o);
    const prev = byKey.get(key);
    if (prev && prev.sha256 !== o.sha256) {
      throw new AgcError('AGC_ERR_SEED', `${key} was fetched twice with different bytes (${prev.url ?? '?'} and ${o.url ?? '?'})`, { subject: key });
    }
    if (!prev) byKey.set(key, o);
  }
  return [...byKey.values()];
}
