// Test-made .snap files: a squashfs image (mksquashfs from Debian's squashfs-tools, as snapcraft
// makes them) holding meta/snap.yaml and one file. Fails loudly when mksquashfs is missing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './tmp.js';

export function makeSnapFile(out: string, yaml: string, payload = 'hello\n'): Buffer {
  const root = tempDir('agc-snap-root-');
  mkdirSync(join(root, 'meta'), { recursive: true });
  mkdirSync(join(root, 'bin'), { recursive: true });
  writeFileSync(join(root, 'meta', 'snap.yaml'), yaml);
  writeFileSync(join(root, 'bin', 'payload'), payload);
  try {
    execFileSync('mksquashfs', [root, out, '-noappend', '-comp', 'xz', '-all-root', '-no-xattrs', '-quiet', '-mkfs-time', '0', '-all-time', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    throw new Error(`making a test snap needs mksquashfs (apt-get install squashfs-tools): ${(err as Error).message}`);
  }
  return readFileSync(out);
}
