// Debian's cloud-init, driven for real: its schema validator and its own user-data processing
// (UserDataProcessor + part handlers + cloudinit.mergers). A missing cloud-init fails the test
// with the install line; nothing is ever skipped.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const bootScript = new URL('./boot_userdata.py', import.meta.url).pathname;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export function exec(cmd: string, args: string[], timeout = 60_000): Promise<Ran> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error(`${cmd} is not installed; run scripts/install-test-deps.sh (apt-get install cloud-init)`));
        return;
      }
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let python: string | undefined;

/** The interpreter cloud-init itself runs with (its shebang), so `import cloudinit` works. */
export async function cloudInitPython(): Promise<string> {
  if (python) return python;
  const which = await exec('sh', ['-c', 'command -v cloud-init']);
  if (which.code !== 0) throw new Error('cloud-init is not installed; run scripts/install-test-deps.sh (apt-get install cloud-init)');
  const shebang = readFileSync(which.stdout.trim(), 'utf8').split('\n')[0]!;
  python = shebang.replace(/^#!\s*/, '').split(/\s+/)[0]!;
  return python;
}

function tempFile(name: string, content: string | Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'agc-ci-')), name);
  writeFileSync(file, content);
  return file;
}

/** `cloud-init schema --config-file`: its exit code and what it printed. */
export async function schemaCheck(text: string | Buffer): Promise<Ran & { valid: boolean }> {
  const file = tempFile('user-data.yaml', text);
  const r = await exec('cloud-init', ['schema', '--config-file', file]);
  return { ...r, valid: r.code === 0 && r.stdout.includes('Valid cloud-config') };
}

export interface Boot {
  parts: string[];
  dumped: { file: string; type: string }[];
  config: Record<string, unknown>;
  effective_ca_certs: { trusted?: unknown } | null;
}

/** What a booting machine's cloud-init makes of this user-data: its parts and the merged config. */
export async function boot(userData: string | Buffer): Promise<Boot> {
  const file = tempFile('user-data', userData);
  const dir = mkdtempSync(join(tmpdir(), 'agc-parts-'));
  const r = await exec(await cloudInitPython(), [bootScript, `--dump-parts=${dir}`, file]);
  if (r.code !== 0) throw new Error(`cloud-init could not process the user-data:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Boot;
}

/** Every cloud-config part exactly as cloud-init split it, each run through `cloud-init schema`. */
export async function validateEveryCloudConfigPart(userData: string | Buffer): Promise<{ file: string; valid: boolean; stdout: string; stderr: string }[]> {
  const { dumped } = await boot(userData);
  const configs = dumped.filter((d) => d.type === 'text/cloud-config');
  if (configs.length === 0) throw new Error('the user-data has no cloud-config part at all');
  return Promise.all(configs.map(async (d) => ({ file: d.file, ...(await schemaCheck(readFileSync(d.file))) })));
}

export function trustedList(b: Boot): string[] {
  const t = b.effective_ca_certs?.trusted;
  if (t === undefined || t === null) return [];
  return Array.isArray(t) ? (t as string[]) : [String(t)];
}
