import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let built: string | undefined;

/** The test archive of make-apt-archive.sh, built once per test file. */
export function aptArchive(): string {
  if (!built) {
    built = join(mkdtempSync(join(tmpdir(), 'agc-apt-')), 'archive');
    execFileSync('bash', [new URL('./make-apt-archive.sh', import.meta.url).pathname, built], { stdio: 'ignore' });
  }
  return built;
}
