// `airgap-cache import` of charms an admin already has: an Enterprise Store `store-admin export`
// tarball (unpacked safely, inner per-charm tarballs too) or `juju download` output. Each archive
// is described by local-charms.ts; its records (sites/charm/records.ts) are built from what the
// export's metadata.json says in Charmhub's shapes, else from the command line (--charm-channel,
// --charm-base, --charm-id), and blobs, resources and records become visible in one transaction.
// Anything that cannot be mapped (no revision, no id in an export, stray files) is reported.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostMatcher } from '../../config/host-groups.js';
import type { HostGroup } from '../../config/schema.js';
import { AgcError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { charmBlobPath, isNameRecord, namePath, RECORD_TYPE, resourceBlobPath, type Base, type NameRecord } from '../../sites/charm/records.js';
import type { ImportOutcome } from '../../store/import-commit.js';
import type { Store } from '../../store/store.js';
import type { NewObject } from '../../store/types.js';
import { toolVersion } from '../bundle/format.js';
import { storeTreeBytes, storeTreeFile } from '../images/tree-file.js';
import type { Progress } from '../progress.js';
import { targetOf } from '../target.js';
import { fullChannel, parseBase, parseChannel } from './channel.js';
import { findLocalCharms, type LocalCharm } from './local-charms.js';
import { ALL_BASE, CharmRecords } from './records-build.js';
import { safeUntar } from './safe-untar.js';

export type CharmImportKind = 'charm-store-admin-export' | 'juju-download';

export interface CharmImportOptions {
  store: Store;
  /** The tarball (export) or directory (juju download). */
  source: string;
  kind: CharmImportKind;
  /** --charm-channel: where charms are published when the source does not say. */
  channel?: string | undefined;
  /** --charm-base: bases they are published for (default: their manifest.yaml bases). */
  bases?: string[] | undefined;
  /** --charm-id NAME=ID: Charmhub ids the source does not carry. */
  ids?: Record<string, string> | undefined;
  hostGroups: readonly HostGroup[];
  progress?: Progress | undefined;
  log: Logger;
}

export interface CharmImportSummary {
  id: string;
  charms: { name: string; revision: number; id: string; type: 'charm' | 'bundle'; channels: string[] }[];
  unmapped: string[];
  notes: string[];
  objects: number;
  counts: Record<ImportOutcome, number>;
  blobsWritten: number;
  alreadyImportedAt?: number | undefined;
}

export const CHARMHUB = 'https://api.charmhub.io';

/** An id for a charm `juju download` saved without one: stable per name, reported to the admin. */
export const localId = (name: string): string => createHash('sha256').update(`airgap-cache local charm ${name}`).digest('hex').slice(0, 32);

export async function importCharms(opts: CharmImportOptions): Promise<CharmImportSummary> {
  if (opts.kind === 'juju-download') return importFrom(opts.source, opts);
  const dir = await mkdtemp(join(tmpdir(), 'agc-charm-export-'));
  try {
    for (const inner of await safeUntar(opts.source, dir)) {
      if (!/\.(tar\.gz|tgz|tar)$/.test(inner)) continue;
      await safeUntar(join(dir, inner), join(dir, `${inner}.d`));
      await unlink(join(dir, inner));
    }
    return await importFrom(dir, opts);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function importFrom(root: string, opts: CharmImportOptions): Promise<CharmImportSummary> {
  const { store } = opts;
  const matcher = new HostMatcher(opts.hostGroups);
  const at = (path: string) => {
    const t = targetOf(`${CHARMHUB}${path}`, matcher);
    if ('problem' in t) throw new AgcError('AGC_ERR_MIRROR', `api.charmhub.io ${t.problem}`, { subject: path });
    return t;
  };
  const ch = opts.channel !== undefined ? parseChannel(opts.channel) : undefined;
  if (opts.channel !== undefined && !ch) throw new AgcError('AGC_ERR_MIRROR', `--charm-channel ${opts.channel} is not a channel (stable, 14/stable, latest/edge)`, { subject: opts.channel });
  for (const b of opts.bases ?? []) if (!parseBase(b, 'amd64')) throw new AgcError('AGC_ERR_MIRROR', `--charm-base ${b} is not a base (ubuntu@22.04 or a series such as jammy)`, { subject: b });
  const found = await findLocalCharms(root);
  const notes: string[] = [];
  const records = new CharmRecords();
  const mapped: { c: LocalCharm; id: string; type: 'charm' | 'bundle'; channels: string[] }[] = [];
  for (const c of found.charms) {
    const stored = await storedName(store, at(namePath(c.name)).ns, c.name);
    let id = c.facts.id ?? opts.ids?.[c.name] ?? stored?.id;
    if (!id && opts.kind === 'juju-download') {
      id = localId(c.name);
      notes.push(`${c.name}: no Charmhub id known (juju download does not save it); given local id ${id}. Models deployed from Charmhub refresh ${c.name} by Charmhub's id: give --charm-id ${c.name}=ID (juju info ${c.name} shows it) to keep theirs`);
    }
    if (!id) {
      found.unmapped.push(`${c.name} revision ${c.revision}: metadata.json gives no Charmhub id for it, and --charm-id ${c.name}=ID was not given; not imported`);
      continue;
    }
    if (c.facts.sha256 && c.facts.sha256 !== c.digests['hash-sha-256']) throw new AgcError('AGC_ERR_DIGEST_MISMATCH', `${c.file}: sha256 ${c.digests['hash-sha-256']}, but its metadata.json says Charmhub's is ${c.facts.sha256}; nothing was imported`, { subject: c.file });
    const type = c.bundleYaml !== undefined ? 'bundle' : 'charm';
    const defaultTrack = c.facts.defaultTrack ?? stored?.['default-track'] ?? (ch?.track || 'latest');
    if (c.facts.id || !stored) records.addName({ type, id, name: c.name, 'default-track': defaultTrack, result: c.facts.result ?? stored?.result ?? {} });
    const bases = type === 'bundle' ? [ALL_BASE] : c.archive.bases;
    records.addRevision(id, {
      revision: c.revision,
      version: c.facts.version ?? String(c.revision),
      ...(c.facts.createdAt ? { 'created-at': c.facts.createdAt } : {}),
      bases,
      download: c.digests,
      ...(c.archive.metadataYaml !== undefined ? { 'metadata-yaml': c.archive.metadataYaml } : {}),
      ...(c.archive.configYaml !== undefined ? { 'config-yaml': c.archive.configYaml } : {}),
      ...(c.archive.actionsYaml !== undefined ? { 'actions-yaml': c.archive.actionsYaml } : {}),
      ...(c.bundleYaml !== undefined ? { 'bundle-yaml': c.bundleYaml } : {}),
      resources: c.resources.map((r) => ({ name: r.name, revision: r.revision })),
    });
    for (const r of c.resources) records.addResource(id, { name: r.name, type: r.type, revision: r.revision, filename: r.filename, description: r.description, download: r.digests });
    const channels = channelsFor(c, type, bases, ch, defaultTrack, opts.bases);
    if (channels.length === 0) notes.push(`${c.name} revision ${c.revision}: no channel known (${opts.kind === 'juju-download' ? 'give --charm-channel' : 'metadata.json lists none for it; give --charm-channel'}); installable by revision only`);
    for (const x of channels) records.addChannel(c.name, type === 'bundle' ? ALL_BASE : x.base, x.channel, { revision: c.revision, ...(x.releasedAt ? { 'released-at': x.releasedAt } : {}) });
    mapped.push({ c, id, type, channels: [...new Set(channels.map((x) => `${x.channel} (${type === 'bundle' ? 'any base' : `${x.base.name}@${x.base.channel} ${x.base.architecture}`})`))] });
  }
  if (mapped.length === 0) throw new AgcError('AGC_ERR_MIRROR', `${opts.source}: no charm could be imported:\n${found.unmapped.map((u) => `  ${u}`).join('\n') || '  no .charm files in it'}`, { subject: opts.source });
  return commit(opts, root, mapped, records, found.unmapped, notes, at);
}

function channelsFor(c: LocalCharm, type: 'charm' | 'bundle', bases: Base[], ch: ReturnType<typeof parseChannel>, defaultTrack: string, wanted: string[] | undefined) {
  if (c.facts.channels.length > 0) return c.facts.channels;
  if (!ch) return [];
  const channel = fullChannel(ch, defaultTrack);
  if (type === 'bundle') return [{ channel, base: ALL_BASE, releasedAt: undefined }];
  const arches = [...new Set(bases.map((b) => b.architecture))];
  const on = wanted && wanted.length > 0 ? arches.flatMap((a) => wanted.map((w) => parseBase(w, a)!)) : bases;
  return on.map((base) => ({ channel, base, releasedAt: undefined }));
}

async function commit(opts: CharmImportOptions, root: string, mapped: { c: LocalCharm; id: string; type: 'charm' | 'bundle'; channels: string[] }[], records: CharmRecords, unmapped: string[], notes: string[], at: (p: string) => { ns: string; path: string }): Promise<CharmImportSummary> {
  const { store, log } = opts;
  const written: string[] = [];
  const files = mapped.flatMap(({ c, id }) => [{ file: c.file, digests: c.digests, path: charmBlobPath(id, c.revision) }, ...c.resources.map((r) => ({ file: r.file, digests: r.digests, path: resourceBlobPath(id, r.name, r.revision) }))]);
  try {
    const entries: NewObject[] = [];
    // One fixed time for the whole import, from the newest file: the same files make the same import.
    const now = Math.max(...(await Promise.all(files.map((f) => stat(f.file).then((s) => Math.floor(s.mtimeMs))))));
    const entry = (t: { ns: string; path: string }, sha256: string, size: number, contentType: string, digests: Record<string, string> = {}): NewObject => ({ ...t, sha256, size, contentType, lastModified: now, fetchedAt: now, digests, source: '' });
    opts.progress?.begin({ phase: `importing ${opts.source}`, totalBytes: files.reduce((n, f) => n + f.digests.size, 0), totalItems: files.length });
    for (const f of files) {
      opts.progress?.startItem(f.file, f.file, f.digests.size);
      const r = await storeTreeFile(store, f.file, { size: f.digests.size, sha256: f.digests['hash-sha-256'] }, (n) => opts.progress?.add(n, f.file));
      if (r.written) written.push(r.sha256);
      opts.progress?.itemDone(f.file);
      entries.push(entry(at(f.path), r.sha256, r.size, 'application/octet-stream', { sha384: f.digests['hash-sha-384'] }));
    }
    for (const rec of records.files()) {
      const r = await storeTreeBytes(store, rec.bytes, `${opts.source}: ${rec.path}`);
      if (r.written) written.push(r.sha256);
      entries.push(entry(at(rec.path), r.sha256, rec.bytes.length, RECORD_TYPE));
    }
    const id = createHash('sha256').update(entries.map((e) => `${e.ns} ${e.path} ${e.sha256}\n`).sort().join('')).digest('hex');
    const source = `${opts.kind}:${id.slice(0, 16)}`;
    const requested = mapped.map((m) => ({ section: m.type === 'bundle' ? 'bundles' : 'charms', item: `${m.c.name} revision ${m.c.revision} (${opts.kind} ${m.c.file.startsWith(root) ? m.c.file.slice(root.length + 1) : m.c.file})`, objects: entries.filter((e) => e.path.includes(m.id) || e.path.split('/').includes(m.c.name)).map((e) => [e.ns, e.path] as [string, string]) }));
    const result = store.commitImport(entries.map((e) => ({ ...e, source })), { id, importedAt: Date.now(), info: { kind: opts.kind, tool: toolVersion(), createdAt: new Date().toISOString(), bundle: opts.source, manifest: null, requested } });
    const counts: Record<ImportOutcome, number> = { added: 0, replaced: 0, unchanged: 0, 'kept-newer': 0 };
    if ('outcomes' in result) for (const o of result.outcomes) counts[o] += 1;
    else counts.unchanged = entries.length;
    log.info({ source: opts.source, id, ...counts }, 'charms imported');
    return {
      id,
      charms: mapped.map((m) => ({ name: m.c.name, revision: m.c.revision, id: m.id, type: m.type, channels: m.channels })),
      unmapped,
      notes,
      objects: entries.length,
      counts,
      blobsWritten: written.length,
      alreadyImportedAt: 'already' in result ? result.already.importedAt : undefined,
    };
  } catch (err) {
    const dropped = written.filter((sha) => store.dropBlobIfUnreferenced(sha)).length;
    log.warn({ source: opts.source, err: (err as Error).message, droppedBlobs: dropped }, 'charm import failed; nothing from it is visible');
    throw err;
  } finally {
    opts.progress?.finish();
  }
}

async function storedName(store: Store, ns: string, name: string): Promise<NameRecord | undefined> {
  const meta = store.lookup(ns, namePath(name));
  if (!meta) return undefined;
  try {
    const doc = JSON.parse(await readFile(store.blobPath(meta.sha256), 'utf8')) as unknown;
    return isNameRecord(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}
