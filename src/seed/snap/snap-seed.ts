// One snap on one architecture, fetched as `snap download` fetches it (spec §14: refresh action
// `download`, then the blob, then its assertions), plus the info channel map, so channels resolve
// offline as they did online. The blob must have the sha3-384 and size the store announced, and
// the assertions must agree with both (cross-check) before anything goes into the bundle.
import { AgcError } from '../../errors.js';
import { parseChannel } from '../../sites/snap/channel.js';
import { ASSERTION_TYPE } from '../../sites/snap/json-reply.js';
import { assertionPath } from '../../sites/snap/primary-key.js';
import type { JsonObject, RevisionRecord } from '../../sites/snap/records.js';
import type { BundleObject } from '../bundle/format.js';
import type { ComposedSpec, SectionContext } from '../sections/section.js';
import { fetchSnapAssertions } from './assertion-set.js';
import { revisionRecordOf, type ChannelFact } from './records-build.js';
import { isObject } from '../store-api.js';
import type { StoreClient, WantedSnap } from './store-client.js';

export interface SeededSnap {
  rev: RevisionRecord;
  /** Objects fetched or composed for it: blob and assertions. */
  objects: BundleObject[];
  channels: ChannelFact[];
  /** Snap-level fields from the info answer. */
  info: JsonObject;
  /** The default track, when the store showed it. */
  defaultTrack: string | undefined;
}

export async function seedSnap(client: StoreClient, ctx: SectionContext, want: WantedSnap, arch: string, key: string): Promise<SeededSnap> {
  const named = want.channel !== undefined || want.revision !== undefined;
  const [result, bare] = await client.download(arch, named ? [want, { name: want.name }] : [want]);
  const snap = answerSnap(result!, want, arch, key);
  const rev = revisionRecordOf(snap);
  if (!rev || rev.name !== want.name) throw new AgcError('AGC_ERR_SEED', `${key}: the store's answer for ${want.name} (${arch}) lacks name, snap-id, revision, architectures or download size and sha3-384`, { subject: key });
  const url = `${client.base}/api/v1/snaps/download/${rev['snap-id']}_${rev.revision}.snap`;
  const blob = await ctx.fetch({ url, ...ctx.target(url, key), expectedSize: rev.download.size, expectedDigests: { 'sha3-384': rev.download['sha3-384'] } });
  const assertions = await fetchSnapAssertions(client, { name: rev.name, id: rev['snap-id'], revision: rev.revision, size: rev.download.size, sha3hex: rev.download['sha3-384'] });
  const put = ctx.put;
  if (!put) throw new AgcError('AGC_ERR_SEED', `${key}: this seeder cannot hold composed objects`, { subject: key });
  const objects: BundleObject[] = [blob.object];
  for (const a of assertions) {
    const path = assertionPath(a)!;
    const spec: ComposedSpec = { ...ctx.target(`${client.base}${path}`, key), bytes: a.encoded, contentType: ASSERTION_TYPE, url: `${client.base}${path}` };
    objects.push(await put(spec));
  }
  const info = await client.info(want.name, arch);
  const bareTrack = effectiveTrack(named ? bare : result);
  const infoTrack = info && typeof info['default-track'] === 'string' ? info['default-track'] : undefined;
  return { rev, objects, channels: channelFacts(info, arch, result!, rev.revision), info: info && isObject(info.snap) ? info.snap : {}, defaultTrack: infoTrack ?? bareTrack };
}

function answerSnap(result: JsonObject, want: WantedSnap, arch: string, key: string): JsonObject {
  if (result.result !== 'error' && isObject(result.snap)) return result.snap;
  const err = isObject(result.error) ? result.error : {};
  const code = typeof err.code === 'string' ? err.code : 'error';
  const asked = want.revision !== undefined ? `revision ${want.revision}` : `channel ${want.channel ?? 'stable'}`;
  if (code === 'name-not-found' || code === 'id-not-found') throw new AgcError('AGC_ERR_SEED', `${key}: the store has no snap named ${want.name}`, { subject: key });
  const releases = isObject(err.extra) && Array.isArray(err.extra.releases) ? err.extra.releases.filter(isObject).map((r) => `${String(r.channel)} (${String(r.architecture)})`) : [];
  const where = releases.length > 0 ? `; it has ${releases.join(', ')}` : '';
  throw new AgcError('AGC_ERR_SEED', `${key}: ${want.name} has no ${asked} for ${arch} in the store (${code}${typeof err.message === 'string' ? `: ${err.message}` : ''})${where}`, { subject: key });
}

function effectiveTrack(result: JsonObject | undefined): string | undefined {
  const eff = result && typeof result['effective-channel'] === 'string' ? parseChannel(result['effective-channel']) : undefined;
  return eff?.track || undefined;
}

/** The channel map for this architecture, and the channel the download resolved to. */
function channelFacts(info: JsonObject | undefined, arch: string, result: JsonObject, revision: number): ChannelFact[] {
  const out = new Map<string, ChannelFact>();
  const map = info && Array.isArray(info['channel-map']) ? info['channel-map'] : [];
  for (const e of map) {
    if (!isObject(e) || !isObject(e.channel) || typeof e.revision !== 'number') continue;
    const c = e.channel;
    if (c.architecture !== arch || typeof c.track !== 'string' || typeof c.risk !== 'string') continue;
    const name = `${c.track}/${c.risk}`;
    if (!parseChannel(name)) continue;
    out.set(name, { arch, channel: name, revision: e.revision, releasedAt: typeof c['released-at'] === 'string' ? c['released-at'] : undefined });
  }
  const eff = typeof result['effective-channel'] === 'string' ? parseChannel(result['effective-channel']) : undefined;
  if (eff && eff.track) {
    const name = [eff.track, eff.risk, ...(eff.branch ? [eff.branch] : [])].join('/');
    if (!out.has(name)) out.set(name, { arch, channel: name, revision });
  }
  return [...out.values()];
}
