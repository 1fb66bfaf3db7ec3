// Runs the built CLI (`node dist/cli/main.js`) as an admin would, stdin included.
import { spawn } from 'node:child_process';

export const cliPath = new URL('../../dist/cli/main.js', import.meta.url).pathname;

export interface CliResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

export function runCli(args: string[], input?: string | Buffer): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [cliPath, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => out.push(d));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
    p.stdin.on('error', () => undefined);
    p.stdin.end(input);
  });
}
