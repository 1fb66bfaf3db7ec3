// Unpacks a (gzip-compressed) tar that came from elsewhere — a `store-admin export` — into a fresh
// directory, refusing the whole archive at the first hostile entry, named: a path that is absolute
// or climbs out (`..`), a symbolic or hard link, a device or anything but files and directories.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { AgcError } from '../../errors.js';
import { TarReader } from '../bundle/tar-reader.js';

const KINDS: Record<string, string> = { '1': 'a hard link', '2': 'a symbolic link', '3': 'a character device', '4': 'a block device', '6': 'a FIFO', '7': 'a contiguous file' };

/** True when the file starts with gzip's magic bytes. */
export async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r').catch(() => undefined);
  if (!fh) return false;
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** The entry's path, or an error naming it. */
export function safeEntryName(name: string, archive: string): string {
  const bad = (why: string) => new AgcError('AGC_ERR_MIRROR', `${archive}: entry ${JSON.stringify(name)} ${why}; nothing was imported`, { subject: name });
  if (name.startsWith('/')) throw bad('is an absolute path');
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) throw bad('climbs out of the archive (..)');
  if (name.includes('\0') || name.includes('\\')) throw bad('has a NUL or backslash in its name');
  return parts.join('/');
}

/** The member names of a tar (gzip-compressed or not), headers only; undefined when it is no tar. */
export async function listTar(archive: string): Promise<string[] | undefined> {
  const source = (await isGzip(archive)) ? createReadStream(archive).pipe(createGunzip()) : createReadStream(archive);
  const names: string[] = [];
  try {
    const reader = new TarReader(source as AsyncIterable<Buffer>);
    for (let e = await reader.next(); e; e = await reader.next()) names.push(e.name);
    return names;
  } catch {
    return undefined;
  } finally {
    source.destroy();
  }
}

/** Every file member of `archive` under `dir` (mtimes kept); returns their relative paths. */
export async function safeUntar(archive: string, dir: string): Promise<string[]> {
  const gz = await isGzip(archive);
  const source = gz ? createReadStream(archive).pipe(createGunzip()) : createReadStream(archive);
  const reader = new TarReader(source as AsyncIterable<Buffer>);
  const files: string[] = [];
  try {
    for (let e = await reader.next(); e; e = await reader.next()) {
      const rel = safeEntryName(e.name, archive);
      if (e.flag === '5') continue;
      if (e.type !== 'file') throw new AgcError('AGC_ERR_MIRROR', `${archive}: entry ${JSON.stringify(e.name)} is ${KINDS[e.flag] ?? `of tar type ${JSON.stringify(e.flag)}`}, not a file; nothing was imported`, { subject: e.name });
      if (rel === '') continue;
      const out = join(dir, rel);
      await mkdir(dirname(out), { recursive: true });
      await pipeline(Readable.from(reader.body()), createWriteStream(out, { flags: 'wx', mode: 0o600 }));
      await utimes(out, e.mtime, e.mtime);
      files.push(rel);
    }
  } catch (err) {
    if (err instanceof AgcError) throw err;
    throw new AgcError('AGC_ERR_MIRROR', `${archive}: cannot unpack: ${(err as Error).message}`, { subject: archive, cause: err });
  } finally {
    source.destroy();
  }
  return files;
}
