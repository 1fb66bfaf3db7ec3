// One charm or bundle from Charmhub, fetched as Juju resolves and downloads it (spec charmhub.md
// §3.3, §5): `info` for its id, default track and channel map, then one `install` action per base
// (a concrete base, never `NA`, so the answer is the release itself), the archive and every
// resource the answer names, each checked against the size, sha256 and sha384 Charmhub announced.
// What was learnt goes into `records`; the objects fetched are returned.
import { AgcError } from '../../errors.js';
import { charmBlobPath, resourceBlobPath, type Base, type JsonObject } from '../../sites/charm/records.js';
import type { BundleObject } from '../bundle/format.js';
import type { SectionContext } from '../sections/section.js';
import { readCharmArchive, yamlObject } from './charm-archive.js';
import { isObject } from '../store-api.js';
import type { CharmhubClient, InstallAction } from './charmhub-client.js';
import { byNewestBase, fullChannel, parseBase, parseChannel, sameBase, baseName } from './channel.js';
import { ALL_BASE, defaultTrackOf, nameFromInfo, resourceRecordOf, resourceRefs, revisionOf, type CharmRecords } from './records-build.js';
import type { NeededSnap } from './snaps-needed.js';
import { readZipEntries } from './zip-entries.js';

export interface WantedCharm {
  name: string;
  channel?: string | undefined;
  revision?: number | undefined;
  /** `ubuntu@22.04` or a series; none: every base the channel has for the architectures. */
  bases?: string[] | undefined;
  architectures: string[];
  /** Resource revisions pinned (a bundle's `resources: {name: revision}`). */
  resources?: Record<string, number> | undefined;
  /** The manifest key it serves, for messages. */
  key: string;
  /** A bundle's revision pin with no resource pins: Juju lists its resources on this channel. */
  resourcesFrom?: string | undefined;
}

export interface SeededCharm {
  name: string;
  id: string;
  type: 'charm' | 'bundle';
  revisions: number[];
  objects: BundleObject[];
  /** Per revision: the snaps its archive says it installs. */
  snaps: { revision: number; snaps: NeededSnap[] }[];
  /** A bundle's bundle.yaml, per revision fetched. */
  bundleYamls: string[];
  /** Its metadata.yaml declares resources. */
  declaresResources: boolean;
}

export async function seedCharm(client: CharmhubClient, ctx: SectionContext, records: CharmRecords, want: WantedCharm): Promise<SeededCharm> {
  const { key } = want;
  const info = await client.info(want.name);
  if (!info) throw new AgcError('AGC_ERR_SEED', `${key}: Charmhub has no charm or bundle named ${want.name}`, { subject: key });
  const defaultTrack = defaultTrackOf(info);
  const named = nameFromInfo(info, defaultTrack);
  if (!named || named.name !== want.name) throw new AgcError('AGC_ERR_SEED', `${key}: Charmhub's info answer for ${want.name} lacks its type, id or name`, { subject: key });
  records.addName(named);
  const { id, type } = named;
  const ch = parseChannel(want.channel ?? 'stable');
  if (!ch) throw new AgcError('AGC_ERR_SEED', `${key}: ${want.channel} is not a channel`, { subject: key });
  const channel = fullChannel(ch, defaultTrack);
  const asks = planActions(info, want, type, channel);
  const results = await client.install(asks.map((a) => a.action));
  const out: SeededCharm = { name: want.name, id, type, revisions: [], objects: [], snaps: [], bundleYamls: [], declaresResources: false };
  const problems: { required: boolean; text: string }[] = [];
  for (const [i, result] of results.entries()) {
    const ask = asks[i]!;
    if (result.result === 'error' || !isObject(result.charm)) problems.push({ required: ask.required, text: describeError(result, ask.action) });
    else await takeResult(ctx, { client, records, want, id, type, defaultTrack, channel }, result, ask, out);
  }
  if (out.revisions.length === 0 || problems.some((p) => p.required)) {
    throw new AgcError('AGC_ERR_SEED', `${key}: ${want.name} ${want.revision !== undefined ? `revision ${want.revision}` : `on ${channel}`}: ${problems.map((p) => p.text).join('; ') || 'nothing to fetch'}`, { subject: key });
  }
  if (problems.length > 0) ctx.log.warn({ charm: want.name, problems: problems.map((p) => p.text) }, `${key}: some bases of ${want.name} on ${channel} were not available`);
  return out;
}

interface Ask {
  action: InstallAction;
  /** Asked for by the manifest (not one of the bases tried because the channel map suggested it). */
  required: boolean;
  base: Base | undefined;
}

function planActions(info: JsonObject, want: WantedCharm, type: 'charm' | 'bundle', channel: string): Ask[] {
  const pins = want.resources && Object.keys(want.resources).length > 0 ? Object.entries(want.resources).map(([name, revision]) => ({ name, revision })) : undefined;
  if (want.revision !== undefined) return [{ action: { name: want.name, revision: want.revision, base: null, ...(pins ? { 'resource-revisions': pins } : {}) }, required: true, base: undefined }];
  const map = (Array.isArray(info['channel-map']) ? info['channel-map'] : []).filter(isObject).flatMap((e) => {
    const c = isObject(e.channel) ? e.channel : undefined;
    const b = c && isObject(c.base) ? c.base : undefined;
    const p = c && typeof c.name === 'string' ? parseChannel(c.name) : undefined;
    const track = c && typeof c.track === 'string' && c.track !== '' ? c.track : undefined;
    if (!b || !p || typeof b.architecture !== 'string' || typeof b.name !== 'string' || typeof b.channel !== 'string') return [];
    return [{ channel: fullChannel(p.track ? p : { ...p, track: track ?? '' }, defaultTrackOf(info)), base: { architecture: b.architecture, name: b.name, channel: b.channel } }];
  });
  const distinct = (bases: Base[]) => bases.filter((b, i) => bases.findIndex((x) => sameBase(x, b)) === i).sort(byNewestBase);
  const act = (base: Base, required: boolean): Ask => ({ action: { name: want.name, channel, base }, required, base });
  if (type === 'bundle') {
    const bases = distinct(map.filter((m) => m.channel === channel).map((m) => m.base));
    return [act(bases[0] ?? ALL_BASE, true)];
  }
  if (want.bases && want.bases.length > 0) {
    return want.architectures.flatMap((arch) =>
      want.bases!.map((s) => {
        const base = parseBase(s, arch);
        if (!base) throw new AgcError('AGC_ERR_SEED', `${want.key}: base ${s} names no OS release (ubuntu@22.04 or a series such as jammy)`, { subject: want.key });
        return act(base, true);
      }),
    );
  }
  const onChannel = distinct(map.filter((m) => m.channel === channel && want.architectures.includes(m.base.architecture)).map((m) => m.base));
  if (onChannel.length > 0) return onChannel.map((b) => act(b, true));
  // Not in the channel map as named (a closed risk that falls back): try every base it lists.
  const any = distinct(map.filter((m) => want.architectures.includes(m.base.architecture)).map((m) => m.base));
  if (any.length === 0) throw new AgcError('AGC_ERR_SEED', `${want.key}: ${want.name} has no release for ${want.architectures.join(', ')}; its channel map has ${[...new Set(map.map((m) => `${m.channel} (${baseName(m.base)} ${m.base.architecture})`))].join(', ') || 'nothing'}`, { subject: want.key });
  return any.map((b) => act(b, false));
}

interface Known {
  client: CharmhubClient;
  records: CharmRecords;
  want: WantedCharm;
  id: string;
  type: 'charm' | 'bundle';
  defaultTrack: string;
  /** The channel asked, track spelled out. */
  channel: string;
}

async function takeResult(ctx: SectionContext, k: Known, result: JsonObject, ask: Ask, out: SeededCharm): Promise<void> {
  const { client, records, want, id, type, channel } = k;
  const { key } = want;
  const charm = result.charm as JsonObject;
  if (result.id !== id && charm.id !== id) throw new AgcError('AGC_ERR_SEED', `${key}: Charmhub answered for id ${String(result.id)}, not ${want.name}'s ${id}`, { subject: key });
  const bare = revisionOf(charm);
  if (!bare) throw new AgcError('AGC_ERR_SEED', `${key}: Charmhub's answer for ${want.name} lacks its revision, size, sha256 or sha384`, { subject: key });
  const url = isObject(charm.download) && typeof charm.download.url === 'string' ? charm.download.url : `${client.base}${charmBlobPath(id, bare.revision)}`;
  const blob = await ctx.fetch({ url, ...ctx.target(`${client.base}${charmBlobPath(id, bare.revision)}`, key), expectedSize: bare.download.size, expectedSha256: bare.download['hash-sha-256'], expectedDigests: { sha384: bare.download['hash-sha-384'] } });
  out.objects.push(blob.object);
  let bundleYaml: string | undefined;
  if (type === 'bundle') {
    const m = await readZipEntries(blob.file, (n) => n === 'bundle.yaml' || n === 'README.md').catch((err: Error) => {
      throw new AgcError('AGC_ERR_SEED', `${key}: bundle ${want.name} revision ${bare.revision}: ${err.message}`, { subject: key });
    });
    if (!m.has('bundle.yaml') || !m.has('README.md')) throw new AgcError('AGC_ERR_SEED', `${key}: bundle ${want.name} revision ${bare.revision} lacks bundle.yaml or README.md, which Juju requires`, { subject: key });
    bundleYaml = m.get('bundle.yaml')!.toString('utf8');
    out.bundleYamls.push(bundleYaml);
  } else {
    const archive = await readCharmArchive(blob.file).catch((err: Error) => {
      throw new AgcError('AGC_ERR_SEED', `${key}: charm ${want.name} revision ${bare.revision}: ${err.message}`, { subject: key });
    });
    if (archive.name !== want.name) throw new AgcError('AGC_ERR_SEED', `${key}: the archive of ${want.name} revision ${bare.revision} names itself ${archive.name ?? '(no metadata.yaml name)'}`, { subject: key });
    if (archive.snaps.length > 0 && !out.snaps.some((s) => s.revision === bare.revision)) out.snaps.push({ revision: bare.revision, snaps: archive.snaps });
    const declared = yamlObject(archive.metadataYaml)?.resources;
    if (typeof declared === 'object' && declared !== null && Object.keys(declared).length > 0) out.declaresResources = true;
  }
  records.addRevision(id, { ...bare, ...(bundleYaml !== undefined ? { 'bundle-yaml': bundleYaml } : {}) });
  if (!out.revisions.includes(bare.revision)) out.revisions.push(bare.revision);
  if (ask.base && typeof result['effective-channel'] === 'string') {
    const eff = parseChannel(result['effective-channel']);
    const base = type === 'bundle' ? ALL_BASE : ask.base;
    const rec = { revision: bare.revision, ...(typeof result['released-at'] === 'string' && /^\d{4}-/.test(result['released-at']) ? { 'released-at': result['released-at'] } : {}), resources: resourceRefs(charm) };
    records.addChannel(want.name, base, channel, rec);
    // Juju also asks for the channel the store said it resolved to (a closed risk falls back). A
    // bare risk there is on the track asked: Charmhub sometimes drops `latest/` from channel names.
    const effective = eff ? fullChannel(eff, channel.split('/')[0]!) : channel;
    if (effective !== channel) records.addChannel(want.name, base, effective, rec);
  }
  for (const r of (Array.isArray(charm.resources) ? charm.resources : []).filter(isObject)) {
    const rec = resourceRecordOf(r);
    if (!rec) throw new AgcError('AGC_ERR_SEED', `${key}: resource ${String(r.name)} of ${want.name} lacks its type, revision, size, sha256 or sha384`, { subject: key });
    const rurl = isObject(r.download) && typeof r.download.url === 'string' ? r.download.url : `${client.base}${resourceBlobPath(id, rec.name, rec.revision)}`;
    const got = await ctx.fetch({ url: rurl, ...ctx.target(`${client.base}${resourceBlobPath(id, rec.name, rec.revision)}`, key), expectedSize: rec.download.size, expectedSha256: rec.download['hash-sha-256'], expectedDigests: { sha384: rec.download['hash-sha-384'] } });
    out.objects.push(got.object);
    records.addResource(id, rec);
  }
}

function describeError(result: JsonObject, action: InstallAction): string {
  const err = isObject(result.error) ? result.error : {};
  const code = typeof err.code === 'string' ? err.code : 'error';
  const asked = action.base ? ` for ${baseName(action.base)} ${action.base.architecture}` : '';
  const extra = isObject(err.extra) ? err.extra : {};
  const releases = Array.isArray(extra.releases)
    ? extra.releases.filter(isObject).map((r) => `${String(r.channel)}${isObject(r.base) ? ` (${String(r.base.name)}@${String(r.base.channel)} ${String(r.base.architecture)})` : ''}`)
    : [];
  return `${code}${asked}${typeof err.message === 'string' ? `: ${err.message}` : ''}${releases.length > 0 ? `; Charmhub has ${[...new Set(releases)].join(', ')}` : ''}`;
}
