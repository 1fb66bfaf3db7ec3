// An Enterprise Store `store-admin export snaps …` tarball (NAME-YYYYMMDDTHHMMSS.tar.gz, spec §11).
// Its inner layout is not documented, so nothing is assumed about it beyond what every snap
// export must carry: .snap blobs and .assert assertion streams. It is unpacked (with Debian's
// tar, members only below the target) into a private temporary directory and imported like
// `snap download` output, each snap identified by its own signed snap-revision.
import { execFile } from 'node:child_process';
import { open, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgcError } from '../../errors.js';

/** True for a gzip-compressed tar that lists at least one .snap member. */
export async function isSnapExport(file: string): Promise<boolean> {
  const fh = await open(file, 'r').catch(() => undefined);
  if (!fh) return false;
  const head = Buffer.alloc(2);
  try {
    await fh.read(head, 0, 2, 0);
  } finally {
    await fh.close();
  }
  if (head[0] !== 0x1f || head[1] !== 0x8b) return false;
  const list = await tar(['-tzf', file]).catch(() => '');
  return list.split('\n').some((m) => m.endsWith('.snap'));
}

export async function withUnpacked<T>(file: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'agc-snap-export-'));
  try {
    await tar(['-xzf', file, '-C', dir, '--no-same-owner', '--no-same-permissions', '--no-overwrite-dir']).catch((err: Error) => {
      throw new AgcError('AGC_ERR_MIRROR', `${file}: cannot unpack: ${err.message}`, { subject: file });
    });
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function tar(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('tar', args, { encoding: 'utf8', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error((stderr || err.message).trim().split('\n')[0]));
      else resolve(stdout);
    });
  });
}
