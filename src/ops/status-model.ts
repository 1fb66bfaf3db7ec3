// Everything the status page (and /status.json) shows, gathered in one place: the cached store
// summary plus the live counters kept since start.
import type { Config } from '../config/schema.js';
import { runningJobs, type JobReport } from '../seed/job-report.js';
import type { FillTally } from '../upstream/fill.js';
import type { DnsTally } from './dns-tally.js';
import type { Miss, RecentMisses } from './recent-misses.js';
import type { StoreSummary } from './store-summary.js';
import type { Counted, TopCounter } from './top-counter.js';
import type { GroupTraffic, Traffic } from './traffic.js';
import type { Cached } from './cached.js';

export interface TopInfo {
  group: string;
  host: string;
  path: string;
}

export interface StatusModel {
  now: number;
  version: string;
  mode: Config['mode'];
  startedAt: number;
  hostGroups: Config['hostGroups'];
  summary: StoreSummary;
  traffic: GroupTraffic[];
  totals: GroupTraffic;
  top: Counted<TopInfo>[];
  misses: Miss[];
  dns: { total: number; byAnswer: [string, number][]; names: Counted<null>[]; refused: Counted<null>[] };
  jobs: JobReport[];
  fills: { inFlight: number; waiting: number };
}

export interface StatusSources {
  config: Readonly<Config>;
  version: string;
  summary: Cached<StoreSummary>;
  traffic: Traffic;
  top: TopCounter<TopInfo>;
  misses: RecentMisses;
  dns: DnsTally;
  fills: FillTally;
}

export async function statusModel(s: StatusSources, limits = { top: 25, misses: 100, names: 25 }): Promise<StatusModel> {
  return {
    now: Date.now(),
    version: s.version,
    mode: s.config.mode,
    startedAt: s.traffic.since,
    hostGroups: s.config.hostGroups,
    summary: await s.summary.get(),
    traffic: s.traffic.list(),
    totals: s.traffic.totals(),
    top: s.top.top(limits.top),
    misses: s.misses.list().slice(0, limits.misses),
    dns: { total: s.dns.total, byAnswer: [...s.dns.byAnswer].sort((a, b) => b[1] - a[1]), names: s.dns.names.top(limits.names), refused: s.dns.refused.top(limits.names) },
    jobs: runningJobs(s.config.dataDir),
    fills: { inFlight: s.fills.size, waiting: s.fills.waiting() },
  };
}
