import type { Command } from 'commander';
import { createRootLogger } from '../log.js';
import { loadManifest } from '../seed/manifest.js';
import { Progress } from '../seed/progress.js';
import { seed } from '../seed/seeder.js';
import { createUpstreamAgent } from '../upstream/agent.js';
import { createProxyAgent } from '../upstream/proxy-agent.js';
import { collect, configFrom, resolveOverrides, type CommonOptions } from './options.js';
import { formatBytes, showProgress } from './progress-view.js';

interface SeedOptions extends CommonOptions {
  out: string;
  upstreamResolve?: string[];
  upstreamProxy?: string;
  concurrency: string;
  fresh?: boolean;
  keepWork?: boolean;
  verbose?: boolean;
}

export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description('on a connected machine: fetch what MANIFEST lists, verify it, and write one bundle (resumable)')
    .argument('<manifest>', 'seed manifest (YAML)')
    .requiredOption('--out <bundle>', 'bundle file to write (a work directory BUNDLE.work/ is kept beside it until it is complete)')
    .option('--config <file>', 'configuration file: its host groups decide where each URL is served')
    .option('--upstream-resolve <host=ip[:port]>', 'reach an upstream host at this address (repeatable)', collect)
    .option('--upstream-proxy <url>', 'fetch through this HTTP proxy (http://HOST:PORT)')
    .option('--concurrency <n>', 'downloads at once', '4')
    .option('--fresh', 'discard what an interrupted earlier run fetched')
    .option('--keep-work', 'keep the work directory after the bundle is written')
    .option('--verbose', 'log each download')
    .action(async (manifestFile: string, opts: SeedOptions) => {
      const manifest = loadManifest(manifestFile);
      const config = configFrom({ config: opts.config }, { upstreamResolve: resolveOverrides(opts.upstreamResolve) });
      const log = createRootLogger(opts.verbose ? 'info' : 'warn');
      const common = { upstreamResolve: config.upstreamResolve, ...config.upstream };
      const dispatcher = opts.upstreamProxy ? createProxyAgent({ proxyUrl: opts.upstreamProxy, ...common }) : createUpstreamAgent(common);
      const progress = new Progress();
      const stop = showProgress(progress, { label: 'seed' });
      try {
        const r = await seed({
          manifest,
          out: opts.out,
          hostGroups: config.hostGroups,
          dispatcher,
          concurrency: positive(opts.concurrency, '--concurrency'),
          fresh: opts.fresh,
          keepWork: opts.keepWork,
          progress,
          log,
        });
        const b = r.bundle;
        console.log(`bundle ${r.out}: id ${b.id.slice(0, 12)}, ${b.objects} objects, ${b.blobs} payloads, ${formatBytes(b.payloadBytes)}`);
        console.log(`fetched ${r.stats.fetched} (${formatBytes(r.stats.bytes)}), reused ${r.stats.reused} from an earlier run`);
      } finally {
        stop();
        await dispatcher.close().catch(() => undefined);
      }
    });
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} expects a positive whole number, got ${JSON.stringify(value)}`);
  return n;
}
