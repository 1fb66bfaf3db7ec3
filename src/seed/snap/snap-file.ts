// Reading a .snap file as the store describes it: its sha3-384 and size, and its meta/snap.yaml
// through unsquashfs (Debian's squashfs-tools), since a snap is a squashfs image.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { AgcError } from '../../errors.js';

export async function sha3AndSize(file: string): Promise<{ sha3hex: string; size: number }> {
  const h = createHash('sha3-384');
  let size = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    h.update(chunk);
    size += chunk.length;
  }
  return { sha3hex: h.digest('hex'), size };
}

export function readSnapYamlText(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('unsquashfs', ['-cat', file, 'meta/snap.yaml'], { encoding: 'utf8', maxBuffer: 8 << 20 }, (err, stdout, stderr) => {
      if ((err as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
        reject(new AgcError('AGC_ERR_MIRROR', `reading ${file} needs unsquashfs: install squashfs-tools (apt-get install squashfs-tools)`, { subject: file }));
      } else if (err) {
        reject(new AgcError('AGC_ERR_MIRROR', `${file} is not a readable snap (squashfs with meta/snap.yaml): ${(stderr || err.message).trim().split('\n')[0]}`, { subject: file }));
      } else resolve(stdout);
    });
  });
}
