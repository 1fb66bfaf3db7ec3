// Runs the real CLI (`node dist/cli/main.js serve`) inside the test world and real clients against it.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const cliPath = join(repoRoot, 'dist/cli/main.js');

export interface ServeHandle {
  proc: ChildProcess;
  dataDir: string;
  certsDir: string;
  readyLine: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface ServeOptions {
  args?: string[];
  dataDir?: string;
  certsDir?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** A command the node process runs under, e.g. ['prlimit', '--nofile=256:256', '--']. */
  prefix?: string[];
}

/** Starts `airgap-cache serve` on its real ports and resolves once it prints its ready line. */
export async function startServe(opts: ServeOptions = {}): Promise<ServeHandle> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'agc-data-'));
  const certsDir = opts.certsDir ?? mkdtempSync(join(tmpdir(), 'agc-certs-'));
  const args = [cliPath, 'serve', '--data-dir', dataDir, '--certs-dir', certsDir, ...(opts.args ?? [])];
  const [cmd, ...cmdArgs] = [...(opts.prefix ?? []), process.execPath, ...args];
  const proc = spawn(cmd!, cmdArgs, { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const readyLine = await new Promise<string>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not get ready in time:\n${out}`)), opts.timeoutMs ?? 20_000);
    const lines = createInterface({ input: proc.stdout! });
    lines.on('line', (line) => {
      out += line + '\n';
      if (line.startsWith('airgap-cache ready')) {
        clearTimeout(timer);
        resolveReady(line);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before it was ready:\n${out}`));
    });
  });
  return {
    proc,
    dataDir,
    certsDir,
    readyLine,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a real client; never throws on a non-zero exit (tests assert on the code). */
export function run(cmd: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolveRun) => {
    const child = execFile(
      cmd,
      args,
      { env: { ...process.env, ...opts.env }, timeout: opts.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? ((err as unknown as { code: number }).code) : 1) : 0;
        resolveRun({ code, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin!.end(opts.input);
    else child.stdin?.end();
  });
}
