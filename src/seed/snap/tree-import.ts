// `airgap-cache import DIR --snap-channel CHANNEL` for snaps admins already have: `snap download`
// pairs, or an unpacked store export (spec §8.4, §11). Every assertion in every .assert verifies
// up to a trusted root; every .snap is described from its own snap-revision and snap.yaml
// (local-snap.ts); then blobs, assertions and records become visible in one transaction, as
// published on CHANNEL. Any mismatched pair refuses the whole import, listing every problem.
import { readFile, stat } from 'node:fs/promises';
import { HostMatcher } from '../../config/host-groups.js';
import type { HostGroup } from '../../config/schema.js';
import { AgcError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { splitAssertions, type Assertion } from '../../sites/snap/assertion.js';
import { channelName, parseChannel } from '../../sites/snap/channel.js';
import { ASSERTION_TYPE } from '../../sites/snap/json-reply.js';
import { assertionPath } from '../../sites/snap/primary-key.js';
import { blobPath, isNameRecord, namePath, type RevisionRecord } from '../../sites/snap/records.js';
import type { ImportOutcome } from '../../store/import-commit.js';
import type { Store } from '../../store/store.js';
import type { NewObject } from '../../store/types.js';
import { storeTreeBytes, storeTreeFile } from '../images/tree-file.js';
import type { Progress } from '../progress.js';
import { targetOf } from '../target.js';
import { describeLocalSnap, type LocalSnap } from './local-snap.js';
import { recordSpecs } from './records-build.js';
import { findSnapFiles } from './tree-find.js';
import { TrustChain } from './trust.js';
import { commitTree, dropWritten } from '../tree-commit.js';

/** Where an arch-independent snap (`architectures: [all]`) is published. */
export const ALL_ARCHES = ['amd64', 'arm64', 'armhf', 'i386', 'ppc64el', 's390x', 'riscv64'];

export interface SnapTreeOptions {
  store: Store;
  dir: string;
  /** The channel the snaps are published on, e.g. latest/stable or 5.21/stable. */
  channel: string;
  trustedRoots: readonly Buffer[];
  hostGroups: readonly HostGroup[];
  /** The kind recorded for status (snap-download, store-admin-export). */
  kind: string;
  progress?: Progress | undefined;
  log: Logger;
}

export interface SnapTreeSummary {
  id: string;
  snaps: { name: string; revision: number; architectures: string[]; channel: string }[];
  objects: number;
  counts: Record<ImportOutcome, number>;
  blobsWritten: number;
  alreadyImportedAt?: number | undefined;
}

export async function importSnapTree(opts: SnapTreeOptions): Promise<SnapTreeSummary> {
  const { store, log } = opts;
  const ch = parseChannel(opts.channel);
  if (!ch) throw new AgcError('AGC_ERR_MIRROR', `--snap-channel ${opts.channel} is not a channel (stable, 5.21/stable, latest/edge)`, { subject: opts.channel });
  const files = await findSnapFiles(opts.dir);
  if (files.snaps.length === 0) throw new AgcError('AGC_ERR_MIRROR', `${opts.dir}: no .snap files in it or below it`, { subject: opts.dir });
  const { pool, byFile } = await readAssertions(files.asserts);
  try {
    await new TrustChain(opts.trustedRoots).verifyAll([...pool.values()], async (id) => storedAssertion(store, opts.hostGroups, `/v2/assertions/account-key/${id}`));
  } catch (err) {
    throw new AgcError('AGC_ERR_MIRROR', `${opts.dir}: an assertion does not verify: ${(err as Error).message}; nothing was imported`, { subject: opts.dir });
  }
  const described: LocalSnap[] = [];
  for (const f of files.snaps) described.push(await describeLocalSnap(f, pool, byFile.get(f.replace(/\.snap$/, '.assert'))));
  const bad = described.filter((d): d is Extract<LocalSnap, { ok: false }> => !d.ok);
  if (bad.length > 0) throw new AgcError('AGC_ERR_MIRROR', `${opts.dir}: ${bad.length} of ${described.length} snaps refused, nothing was imported:\n${bad.map((b) => `  ${b.file}: ${b.problem}`).join('\n')}`, { subject: opts.dir });
  const good = described as Extract<LocalSnap, { ok: true }>[];
  const at = (path: string) => {
    const t = targetOf(`https://api.snapcraft.io${path}`, new HostMatcher(opts.hostGroups));
    if ('problem' in t) throw new AgcError('AGC_ERR_MIRROR', `api.snapcraft.io ${t.problem}`, { subject: path });
    return t;
  };
  const written: string[] = [];
  try {
    const entries: NewObject[] = [];
    // One fixed time for the whole import, from the newest file: the same files make the same import.
    const now = Math.max(...(await Promise.all(good.map((g) => stat(g.file).then((s) => Math.floor(s.mtimeMs))))));
    const entry = (t: { ns: string; path: string }, sha256: string, size: number, contentType: string, digests: Record<string, string> = {}): NewObject => ({ ...t, sha256, size, contentType, lastModified: now, fetchedAt: now, digests, source: '' });
    opts.progress?.begin({ phase: `importing ${opts.dir}`, totalBytes: good.reduce((n, g) => n + g.size, 0), totalItems: good.length });
    for (const s of good) {
      opts.progress?.startItem(s.file, s.file, s.size);
      const r = await storeTreeFile(store, s.file, { size: s.size }, (n) => opts.progress?.add(n, s.file));
      if (r.written) written.push(r.sha256);
      opts.progress?.itemDone(s.file);
      entries.push(entry(at(blobPath(s.rev['snap-id'], s.rev.revision)), r.sha256, r.size, 'application/octet-stream', { 'sha3-384': s.rev.download['sha3-384'] }));
    }
    for (const a of pool.values()) {
      const r = await storeTreeBytes(store, a.encoded, `${opts.dir}: ${a.type}`);
      if (r.written) written.push(r.sha256);
      entries.push(entry(at(assertionPath(a)!), r.sha256, a.encoded.length, ASSERTION_TYPE));
    }
    for (const spec of await recordsFor(good.map((g) => g.rev), ch, opts, at)) {
      const r = await storeTreeBytes(store, spec.bytes, `${opts.dir}: ${spec.path}`);
      if (r.written) written.push(r.sha256);
      entries.push(entry(spec, r.sha256, spec.bytes.length, spec.contentType));
    }
    const snaps = good.map((g) => ({ name: g.rev.name, revision: g.rev.revision, architectures: g.rev.architectures, channel: channelName(ch, 'latest') }));
    const requested = good.map((g) => ({ section: 'snaps', item: `${g.rev.name} revision ${g.rev.revision} on ${opts.channel} (${opts.kind} ${g.file})`, objects: entries.filter((e) => e.path.includes(g.rev['snap-id']) || e.path.includes(`/${g.rev.name}`)).map((e) => [e.ns, e.path] as [string, string]) }));
    const { id, counts, alreadyImportedAt } = commitTree(store, { kind: opts.kind, dir: opts.dir, sourcePrefix: opts.kind, entries, requested });
    log.info({ dir: opts.dir, id, ...counts }, 'snaps imported');
    return { id, snaps, objects: entries.length, counts, blobsWritten: written.length, alreadyImportedAt };
  } catch (err) {
    const dropped = dropWritten(store, written);
    log.warn({ dir: opts.dir, err: (err as Error).message, droppedBlobs: dropped }, 'snap import failed; nothing from it is visible');
    throw err;
  } finally {
    opts.progress?.finish();
  }
}

async function readAssertions(files: readonly string[]): Promise<{ pool: Map<string, Assertion>; byFile: Map<string, Assertion[]> }> {
  const pool = new Map<string, Assertion>();
  const byFile = new Map<string, Assertion[]>();
  for (const f of files) {
    let list: Assertion[];
    try {
      list = splitAssertions(await readFile(f));
    } catch (err) {
      throw new AgcError('AGC_ERR_MIRROR', `${f}: not an assertion stream: ${(err as Error).message}`, { subject: f });
    }
    byFile.set(f, list);
    for (const a of list) {
      const path = assertionPath(a);
      if (!path) continue;
      const have = pool.get(path);
      if (!have || have.revision < a.revision) pool.set(path, a);
    }
  }
  return { pool, byFile };
}

/** Records for the snaps, published on the channel for each architecture they run on. */
async function recordsFor(revs: RevisionRecord[], ch: NonNullable<ReturnType<typeof parseChannel>>, opts: SnapTreeOptions, at: (p: string) => { ns: string; path: string }) {
  const byName = new Map<string, RevisionRecord[]>();
  for (const r of revs) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  const specs = [];
  for (const [name, list] of byName) {
    const { ns } = at(namePath(name));
    const known = await storedJson(opts.store, ns, namePath(name));
    const defaultTrack = isNameRecord(known) ? known['default-track'] : ch.track || 'latest';
    const channel = channelName(ch, defaultTrack);
    const newestPerArch = new Map<string, number>();
    for (const r of list) for (const arch of r.architectures.includes('all') ? ALL_ARCHES : r.architectures) newestPerArch.set(arch, Math.max(newestPerArch.get(arch) ?? 0, r.revision));
    // Released when it was signed: re-importing the same files then changes nothing.
    const releasedAt = (revision: number) => list.find((r) => r.revision === revision)?.['created-at'];
    const channels = [...newestPerArch].map(([arch, revision]) => ({ arch, channel, revision, releasedAt: typeof releasedAt(revision) === 'string' ? (releasedAt(revision) as string) : undefined }));
    specs.push(...recordSpecs(ns, list, defaultTrack, {}, channels));
  }
  return specs;
}

async function storedAssertion(store: Store, groups: readonly HostGroup[], path: string): Promise<Assertion | undefined> {
  for (const g of groups.filter((x) => x.site === 'snap')) {
    const meta = store.lookup(g.namespace, path);
    if (meta) return splitAssertions(await readFile(store.blobPath(meta.sha256)))[0];
  }
  return undefined;
}

async function storedJson(store: Store, ns: string, path: string) {
  const meta = store.lookup(ns, path);
  if (!meta) return undefined;
  try {
    return JSON.parse(await readFile(store.blobPath(meta.sha256), 'utf8')) as Parameters<typeof isNameRecord>[0];
  } catch {
    return undefined;
  }
}
