// The text of an index file as seeded, whatever its compression: gzip through zlib, xz through
// the xz tool (Node has no xz decoder), bz2 through bzip2.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { AgcError } from '../../errors.js';

export async function readIndexText(file: string, path: string): Promise<string> {
  const raw = await readFile(file);
  if (path.endsWith('.gz')) return gunzipSync(raw).toString('utf8');
  if (path.endsWith('.xz')) return (await decompress('xz', raw, path)).toString('utf8');
  if (path.endsWith('.bz2')) return (await decompress('bzip2', raw, path)).toString('utf8');
  return raw.toString('utf8');
}

function decompress(tool: string, input: Buffer, subject: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new AgcError('AGC_ERR_SEED', `${subject}: cannot run ${tool}: ${e.message}`, { subject, cause: e })));
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new AgcError('AGC_ERR_SEED', `${subject}: ${tool} failed: ${err.trim()}`, { subject }))));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
