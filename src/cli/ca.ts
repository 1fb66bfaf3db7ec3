import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { ensureCa } from '../tls/ca.js';

export function registerCa(program: Command): void {
  const ca = program.command('ca').description('the appliance CA: print it, and the user-data that installs it');
  ca.command('cert')
    .description('print the CA certificate (PEM), creating the CA if there is none')
    .option('--config <file>', 'configuration file')
    .option('--certs-dir <dir>', 'CA and certificate directory')
    .action((opts: { config?: string; certsDir?: string }) => {
      const certsDir = opts.certsDir ?? loadConfig(opts.config).certsDir;
      process.stdout.write(ensureCa(certsDir).certPem);
    });
}
