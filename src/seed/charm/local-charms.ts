// Charm archives an admin already has, found and described: an unpacked `store-admin export`
// (one directory per charm: NAME_REV.charm, metadata.json, resources/NAME.RES_REV) or `juju
// download` output (NAME_rREV.charm). Each archive is hashed (size, sha256, sha384) and read for
// its name, bases and metadata; what cannot be tied to a name and revision is listed as unmapped.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { Digests } from '../../sites/charm/records.js';
import { readCharmArchive, type CharmArchive } from './charm-archive.js';
import { exportFacts, type ExportFacts } from './metadata-json.js';
import { readZipEntries } from './zip-entries.js';

export interface LocalResource {
  name: string;
  revision: number;
  file: string;
  digests: Digests;
  /** From metadata.json, else oci-image when the bytes are the registry JSON document, else file. */
  type: 'file' | 'oci-image';
  filename: string;
  description: string;
}

export interface LocalCharm {
  file: string;
  name: string;
  revision: number;
  digests: Digests;
  archive: CharmArchive;
  /** bundle.yaml and README.md present: a bundle archive. */
  bundleYaml: string | undefined;
  facts: ExportFacts;
  resources: LocalResource[];
}

export interface Found {
  charms: LocalCharm[];
  /** Files, relative to the root, that were not used, with why. */
  unmapped: string[];
}

const MAX_DEPTH = 4;

export async function digestFile(file: string): Promise<Digests> {
  const a = createHash('sha256');
  const b = createHash('sha384');
  let size = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    a.update(chunk as Buffer);
    b.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, 'hash-sha-256': a.digest('hex'), 'hash-sha-384': b.digest('hex') };
}

/** Regular files below `dir`; symbolic links and other kinds are collected in `skipped`, never followed. */
async function walk(dir: string, skipped: string[], depth = 0): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((x, y) => x.name.localeCompare(y.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory() && depth < MAX_DEPTH) out.push(...(await walk(p, skipped, depth + 1)));
    else if (e.isFile()) out.push(p);
    else skipped.push(p);
  }
  return out;
}

/** NAME_REV.charm (store-admin export) or NAME_rREV.charm (juju download). */
export const charmFileName = /^([a-z0-9][a-z0-9-]*)_r?(\d+)\.charm$/;
const resourceFileName = /^([a-z0-9][a-z0-9-]*)\.([A-Za-z0-9][A-Za-z0-9_-]*)_(\d+)$/;
const KNOWN = [/\.assert$/, /(^|\/)bundle\.yaml$/, /(^|\/)metadata\.json$/];

export async function findLocalCharms(root: string): Promise<Found> {
  const skipped: string[] = [];
  const files = await walk(root, skipped);
  const found: Found = { charms: [], unmapped: skipped.map((p) => `${relative(root, p)}: not a regular file (a symbolic link is never followed)`) };
  const used = new Set<string>();
  for (const f of files.filter((x) => x.endsWith('.charm'))) {
    used.add(f);
    const m = charmFileName.exec(basename(f));
    if (!m) {
      found.unmapped.push(`${relative(root, f)}: no revision in its name (NAME_REV.charm or NAME_rREV.charm)`);
      continue;
    }
    let archive: CharmArchive;
    let bundle: Map<string, Buffer>;
    try {
      archive = await readCharmArchive(f);
      bundle = await readZipEntries(f, (n) => n === 'bundle.yaml' || n === 'README.md');
    } catch (err) {
      found.unmapped.push(`${relative(root, f)}: ${(err as Error).message}`);
      continue;
    }
    const bundleYaml = bundle.has('bundle.yaml') && bundle.has('README.md') ? bundle.get('bundle.yaml')!.toString('utf8') : undefined;
    const named = archive.name ?? (bundleYaml ? m[1] : undefined);
    if (named !== m[1]) {
      found.unmapped.push(`${relative(root, f)}: its metadata.yaml names ${named ?? 'nothing'}, not ${m[1]}`);
      continue;
    }
    const name = m[1]!;
    const revision = Number(m[2]);
    const metaFile = join(dirname(f), 'metadata.json');
    const meta = await readFile(metaFile, 'utf8').then((t) => JSON.parse(t) as unknown, () => undefined);
    if (meta !== undefined) used.add(metaFile);
    const facts = exportFacts(meta, name, revision);
    const resources: LocalResource[] = [];
    for (const r of files.filter((x) => dirname(x) === join(dirname(f), 'resources'))) {
      const rm = resourceFileName.exec(basename(r));
      if (!rm || rm[1] !== name) continue;
      used.add(r);
      const known = facts.resources.get(rm[2]!);
      resources.push({ name: rm[2]!, revision: Number(rm[3]), file: r, digests: await digestFile(r), type: known?.type ?? ((await isOciDocument(r)) ? 'oci-image' : 'file'), filename: known?.filename ?? '', description: known?.description ?? '' });
    }
    found.charms.push({ file: f, name, revision, digests: await digestFile(f), archive, bundleYaml, facts, resources });
  }
  for (const f of files) {
    const rel = relative(root, f);
    if (!used.has(f) && !KNOWN.some((k) => k.test(rel))) found.unmapped.push(`${rel}: not a charm archive, its metadata.json or one of its resources/NAME.RESOURCE_REV`);
  }
  return found;
}

/** The oci-image resource document Charmhub serves: JSON with an ImageName. */
async function isOciDocument(file: string): Promise<boolean> {
  if ((await stat(file)).size > 64 << 10) return false;
  try {
    const doc = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return typeof doc === 'object' && doc !== null && typeof (doc as Record<string, unknown>).ImageName === 'string';
  } catch {
    return false;
  }
}
