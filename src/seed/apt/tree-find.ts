// Where the APT archives in a directory are (spec A7): an rsync copy of a mirror or a debmirror
// tree (dists/ and pool/ at the top), an apt-mirror tree (mirror/<host>/<path>/dists), or a
// client's cache (var/lib/apt/lists, var/cache/apt/archives — or lists/ and archives/ directly).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isHostName } from '../../config/host-groups.js';

export interface ArchiveRoot {
  /** The directory holding dists/ (and pool/). */
  root: string;
  /** The archive URL when the layout tells it (apt-mirror keeps the host in the path). */
  url?: string;
}

export interface ClientCache {
  lists: string;
  archives?: string;
}

export async function findArchiveRoots(dir: string): Promise<ArchiveRoot[]> {
  if (await hasSuites(dir)) return [{ root: dir }];
  const base = (await isDir(join(dir, 'mirror'))) ? join(dir, 'mirror') : dir;
  const found: ArchiveRoot[] = [];
  for (const host of await subdirs(base)) {
    if (!isHostName(host)) continue;
    await walk(join(base, host), [], host, found);
  }
  return found;
}

async function walk(path: string, parts: string[], host: string, found: ArchiveRoot[]): Promise<void> {
  if (await hasSuites(path)) {
    found.push({ root: path, url: `http://${host}/${parts.join('/')}`.replace(/\/$/, '') });
    return;
  }
  if (parts.length >= 3) return;
  for (const d of await subdirs(path)) if (d !== 'pool' && d !== 'dists') await walk(join(path, d), [...parts, d], host, found);
}

export async function findClientCache(dir: string): Promise<ClientCache | undefined> {
  for (const [lists, archives] of [
    [join(dir, 'var/lib/apt/lists'), join(dir, 'var/cache/apt/archives')],
    [join(dir, 'lists'), join(dir, 'archives')],
    [dir, undefined],
  ] as const) {
    const names = await readdir(lists).catch(() => [] as string[]);
    if (names.some((n) => n.endsWith('_InRelease') && n.includes('_dists_'))) {
      return archives && (await isDir(archives)) ? { lists, archives } : { lists };
    }
  }
  return undefined;
}

export async function suitesOf(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const s of await subdirs(join(root, 'dists'))) if (await isFile(join(root, 'dists', s, 'InRelease'))) out.push(s);
  return out.sort();
}

async function hasSuites(dir: string): Promise<boolean> {
  return (await suitesOf(dir)).length > 0;
}

async function subdirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) if (e.isDirectory() || (e.isSymbolicLink() && (await isDir(join(dir, e.name))))) out.push(e.name);
  return out.sort();
}

async function isDir(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() === true;
}

async function isFile(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isFile() === true;
}
