import cluster from 'node:cluster';
import type { Command } from 'commander';
import { splitHostPort, startAppliance } from '../appliance.js';
import { startClusterPrimary, startClusterWorker, workerCount } from '../appliance-cluster.js';
import { createRootLogger } from '../log.js';
import { prettyDestination } from '../ops/pretty-log.js';
import { addCommonOptions, collect, configFrom, resolveOverrides, type CommonOptions } from './options.js';

interface ServeOptions extends CommonOptions {
  mode?: string;
  listen?: string;
  advertise?: string[];
  adminListen?: string;
  upstreamResolve?: string[];
  logFormat?: string;
}

export function registerServe(program: Command): void {
  addCommonOptions(program.command('serve').description('run the appliance: DNS, HTTP and HTTPS doors, admin door'))
    .option('--mode <mode>', 'offline (a miss is a 404) or online (a miss is fetched once and kept)')
    .option('--listen <ip>', 'address for the public doors')
    .option('--advertise <ip>', 'address the DNS responder gives out (repeatable)', collect)
    .option('--admin-listen <ip:port>', 'address of the admin door')
    .option('--upstream-resolve <host=ip[:port]>', 'reach an upstream host at this address (repeatable)', collect)
    .option('--log-format <format>', 'json (one pino line per event) or pretty (short lines for a terminal)')
    .action(async (opts: ServeOptions) => {
      const resolve = resolveOverrides(opts.upstreamResolve);
      const config = configFrom(opts as CommonOptions & Record<string, unknown>, {
        mode: opts.mode,
        listen: opts.listen,
        advertise: opts.advertise,
        admin: opts.adminListen === undefined ? undefined : { listen: opts.adminListen },
        upstreamResolve: resolve,
        log: opts.logFormat === undefined ? undefined : { format: opts.logFormat },
      });
      const root = createRootLogger(config.log.level, config.log.format === 'pretty' ? prettyDestination(process.stderr) : undefined);
      if (cluster.isWorker) {
        const log = root.child({ worker: cluster.worker!.id });
        const worker = await startClusterWorker(config, log);
        // The primary stops its workers itself; a terminal's Ctrl-C reaches the whole group.
        process.on('SIGINT', () => undefined);
        process.once('SIGTERM', () => {
          worker.close().then(
            () => process.exit(0),
            () => process.exit(1),
          );
        });
        return;
      }
      const log = root;
      const workers = workerCount(config.http.workers);
      const app = workers > 1 ? await startClusterPrimary(config, log, workers) : await startAppliance(config, log);
      const line = `airgap-cache ready: mode ${config.mode}, http ${config.listen}:${app.ports.http}, https ${config.listen}:${app.ports.https}, dns ${config.listen}:${app.ports.dns}, ${workers > 1 ? `${workers} workers, ` : ''}admin ${hostPort(splitHostPort(config.admin.listen)[0], app.ports.admin)}, data ${config.dataDir}, CA ${app.ca.fingerprint256}`;
      console.log(line);
      const stop = (signal: string): void => {
        log.info({ signal }, 'stopping');
        app.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
}

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
