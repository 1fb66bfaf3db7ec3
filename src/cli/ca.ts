import { Option, type Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { AgcError } from '../errors.js';
import { ensureCa } from '../tls/ca.js';
import { finishRotation, rotateCa } from '../tls/ca-rotation.js';
import { runningMachineHint } from '../cloudinit/hints.js';
import { certificateOf } from '../tls/pem.js';
import { caStatus, formatStatus } from './ca-status.js';
import { targets, userDataCommand, type Target } from './ca-userdata.js';

interface CaOptions {
  config?: string;
  certsDir?: string;
}

export function registerCa(program: Command): void {
  const ca = program.command('ca').description('the appliance CA: print it, rotate it, and the user-data that installs it');
  withDirs(ca.command('cert'))
    .description('print the CA certificate (PEM), creating the CA if there is none')
    .action((opts: CaOptions) => {
      process.stdout.write(ensureCa(certsDirOf(opts)).certPem);
    });
  withDirs(ca.command('userdata'))
    .description('print cloud-init user-data that makes a machine trust the CA, or add the CA to existing user-data')
    .option('--merge <file>', "the admin's user-data to add the CA to ('-' reads stdin)")
    .addOption(new Option('--for <target>', 'maas: refuse write_files/runcmd, print the deploy line; juju: model config YAML').choices([...targets]).default('plain'))
    .action(async (opts: CaOptions & { merge?: string; for: Target }) => {
      const result = await userDataCommand(certsDirOf(opts), opts.for, opts.merge);
      for (const line of result.stderr) console.error(line);
      process.stdout.write(result.stdout);
    });
  withDirs(ca.command('rotate'))
    .description('make a new CA for all leaves; the old one stays trusted in the user-data until --finish')
    .option('--finish', 'stop trusting the CAs earlier rotations kept')
    .action((opts: CaOptions & { finish?: boolean }) => {
      const certsDir = certsDirOf(opts);
      if (opts.finish) {
        const removed = finishRotation(certsDir);
        console.log(removed.length === 0 ? 'no previous CA was still trusted' : removed.map((c) => `no longer trusted: ${c.subject} (SHA-256 ${c.fingerprint256})`).join('\n'));
        return;
      }
      const r = rotateCa(certsDir);
      const next = certificateOf(r.current.certPem);
      console.log(
        [
          `new CA:      SHA-256 ${r.current.fingerprint256}`,
          `previous CA: SHA-256 ${r.previous.fingerprint256} (still trusted in the user-data)`,
          'Next:',
          '  1. give machines the new CA before the appliance uses it: `airgap-cache ca userdata` now lists both CAs for new',
          '     deployments, and http://APPLIANCE/airgap-cache/ca.crt already serves the new one.',
          ...runningMachineHint(next).map((l) => `     ${l}`),
          '  2. restart `airgap-cache serve`: from then on leaf certificates are issued by the new CA.',
          '  3. once no machine needs the old CA: `airgap-cache ca rotate --finish`.',
        ].join('\n'),
      );
    });
  withDirs(ca.command('status'))
    .description('show the CA, the CAs still trusted after a rotation, and the leaf certificates issued')
    .option('--json', 'machine-readable output')
    .action((opts: CaOptions & { json?: boolean }) => {
      const status = caStatus(certsDirOf(opts));
      process.stdout.write(opts.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
    });
}

function withDirs(cmd: Command): Command {
  return cmd.option('--config <file>', 'configuration file').option('--certs-dir <dir>', 'CA and certificate directory');
}

function certsDirOf(opts: CaOptions): string {
  const dir = opts.certsDir ?? loadConfig(opts.config).certsDir;
  if (dir === '') throw new AgcError('AGC_ERR_CONFIG', '--certs-dir must not be empty');
  return dir;
}
