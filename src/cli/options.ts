import type { Command } from 'commander';
import { loadConfig, type Overrides } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { parseResolveFlag } from '../upstream/resolve-override.js';

export interface CommonOptions {
  config?: string;
  dataDir?: string;
  certsDir?: string;
}

export function addCommonOptions(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'configuration file (default: the packaged config/default.yaml)')
    .option('--data-dir <dir>', 'content store directory')
    .option('--certs-dir <dir>', 'CA and certificate directory');
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Loads the config file with command-line values on top; flags that were not given change nothing. */
export function configFrom(opts: CommonOptions & Record<string, unknown>, extra: Overrides = {}): Readonly<Config> {
  return loadConfig(opts.config, { dataDir: opts.dataDir, certsDir: opts.certsDir, ...extra });
}

export function resolveOverrides(flags: string[] | undefined): Record<string, string> | undefined {
  if (!flags || flags.length === 0) return undefined;
  return Object.fromEntries(flags.map(parseResolveFlag));
}
