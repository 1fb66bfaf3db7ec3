// A mirror tree brought on removable media is not trusted: before anything is read from it, every
// entry must be a directory, a regular file, or a symbolic link that stays inside the tree (mirrors
// link suites and by-hash names to each other). A link out of the tree (to /etc/shadow, to the
// appliance's own key), a device, a fifo or a socket refuses the whole tree, naming the entry.
// Hard links cannot be told from ordinary files: every byte read is still checked against the
// size and digest its signed metadata lists.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { AgcError } from '../errors.js';

export async function checkTreeEntries(root: string): Promise<void> {
  const realRoot = await realpath(root);
  const pending = [root];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (cause) {
      throw new AgcError('AGC_ERR_MIRROR', `${dir}: cannot read the directory: ${(cause as Error).message}`, { subject: dir, cause });
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) pending.push(path);
      else if (e.isSymbolicLink()) await checkLink(path, realRoot);
      else if (!e.isFile()) throw refused(path, `is ${kindOf(e)}, not a regular file`);
    }
  }
}

async function checkLink(path: string, realRoot: string): Promise<void> {
  let target: string;
  try {
    target = await realpath(path);
  } catch {
    return; // dangling: nothing to read, and the import will not find the file
  }
  const rel = relative(realRoot, target);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw refused(path, `is a symbolic link out of the tree (to ${target})`);
  }
  const st = await stat(target);
  if (!st.isFile() && !st.isDirectory()) throw refused(path, `is a symbolic link to something that is not a regular file (${target})`);
}

function refused(path: string, why: string): AgcError {
  return new AgcError('AGC_ERR_MIRROR', `${path} ${why}; the tree is refused, nothing was imported`, { subject: path });
}

function kindOf(e: Dirent): string {
  if (e.isFIFO()) return 'a fifo';
  if (e.isSocket()) return 'a socket';
  if (e.isCharacterDevice()) return 'a character device';
  if (e.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}
