// An isolated apt client (spec D2): its own configuration, lists and cache, the host's apt state
// untouched; sources name the real Ubuntu host names, which the test world resolves to the appliance.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, type RunResult } from '../e2e/harness.js';

export class AptClient {
  readonly conf: string;

  constructor(
    readonly dir: string,
    sources: string[],
    arch = 'amd64',
  ) {
    for (const d of ['etc/apt/apt.conf.d', 'etc/apt/preferences.d', 'etc/apt/sources.list.d', 'etc/apt/trusted.gpg.d', 'state/lists/partial', 'cache/archives/partial', 'log', 'dl']) {
      mkdirSync(join(dir, d), { recursive: true });
    }
    writeFileSync(join(dir, 'status'), '');
    this.conf = join(dir, 'apt.conf');
    writeFileSync(
      this.conf,
      [
        `Dir::Etc "${dir}/etc/apt";`,
        `Dir::State "${dir}/state";`,
        `Dir::State::status "${dir}/status";`,
        `Dir::Cache "${dir}/cache";`,
        `Dir::Log "${dir}/log";`,
        `APT::Architecture "${arch}";`,
        `APT::Architectures { "${arch}"; };`,
        'Acquire::Languages "none";',
        'Acquire::Retries "0";',
        'APT::Sandbox::User "root";',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'etc/apt/sources.list'), sources.join('\n') + '\n');
  }

  apt(args: string[], cwd?: string): Promise<RunResult> {
    const cmd = args[0] === 'download' ? ['sh', ['-c', `cd '${cwd ?? join(this.dir, 'dl')}' && exec apt-get ${args.map((a) => `'${a}'`).join(' ')}`]] : ['apt-get', args];
    return run(cmd[0] as string, cmd[1] as string[], { env: { APT_CONFIG: this.conf, DEBIAN_FRONTEND: 'noninteractive' }, timeoutMs: 60_000 });
  }
}
