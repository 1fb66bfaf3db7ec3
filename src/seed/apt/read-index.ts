// The text of an index file as seeded, whatever its compression: gzip through zlib, xz through
// the xz tool (Node has no xz decoder), bz2 through bzip2. Decompression stops at a cap, so a
// compression bomb fails naming the index instead of exhausting memory.
import { constants } from 'node:buffer';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { AgcError } from '../../errors.js';

/** Largest decompressed index, bytes: far above any real Packages file, and a string V8 can hold. */
export const MAX_INDEX_BYTES = Math.min(512 * 1024 * 1024, constants.MAX_STRING_LENGTH);

export async function readIndexText(file: string, path: string, maxBytes = MAX_INDEX_BYTES): Promise<string> {
  const raw = await readFile(file);
  if (path.endsWith('.gz')) return gunzipCapped(raw, path, maxBytes).toString('utf8');
  if (path.endsWith('.xz')) return (await decompress('xz', raw, path, maxBytes)).toString('utf8');
  if (path.endsWith('.bz2')) return (await decompress('bzip2', raw, path, maxBytes)).toString('utf8');
  return raw.toString('utf8');
}

function tooLarge(subject: string, maxBytes: number): AgcError {
  return new AgcError('AGC_ERR_SEED', `${subject}: decompresses to more than ${maxBytes} bytes (a compression bomb?); refused`, { subject });
}

function gunzipCapped(raw: Buffer, subject: string, maxBytes: number): Buffer {
  try {
    return gunzipSync(raw, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(subject, maxBytes);
    throw new AgcError('AGC_ERR_SEED', `${subject}: cannot gunzip: ${(err as Error).message}`, { subject, cause: err });
  }
}

function decompress(tool: string, input: Buffer, subject: string, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let size = 0;
    let over = false;
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      size += d.length;
      if (size > maxBytes) {
        over = true;
        child.kill('SIGKILL');
        return;
      }
      out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new AgcError('AGC_ERR_SEED', `${subject}: cannot run ${tool}: ${e.message}`, { subject, cause: e })));
    child.on('close', (code) => {
      if (over) reject(tooLarge(subject, maxBytes));
      else if (code === 0) resolve(Buffer.concat(out));
      else reject(new AgcError('AGC_ERR_SEED', `${subject}: ${tool} failed: ${err.trim()}`, { subject }));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
