// GET /v2/charms/info/NAME (spec charmhub.md §3.1): type, id, name, result, default-release and
// channel-map of what is seeded, cut to the `fields` asked for; `channel` keeps that channel
// only. default-release is the default track's stable risk (else the first seeded release).
import { parse as parseYaml } from 'yaml';
import type { Reply, SiteContext } from '../site.js';
import { sortBases } from './bases.js';
import { nameRecord, releasesOf, type Release } from './catalog.js';
import { channelName, parseChannel } from './channel.js';
import { composeResources, type ComposeCtx } from './compose.js';
import { selectFields } from './fields.js';
import { errorList, jsonReply, notFoundReply } from './json-reply.js';
import { readRecord } from './read-record.js';
import { charmBlobPath, isRevisionRecord, revisionPath, type NameRecord } from './records.js';

/**
 * Charmhub's `revision.subordinate`, from metadata.yaml: python-libjuju asks for
 * `fields=default-release.revision.subordinate` and deploys a subordinate with no units only when
 * it reads true (Juju refuses units for one). Undefined when there is no metadata to tell.
 */
export function subordinateOf(metadataYaml: string | undefined): boolean | undefined {
  if (metadataYaml === undefined) return undefined;
  try {
    const doc: unknown = parseYaml(metadataYaml);
    return typeof doc === 'object' && doc !== null && (doc as Record<string, unknown>).subordinate === true;
  } catch {
    return undefined;
  }
}

async function releaseEntry(ctx: ComposeCtx, ns: string, base: string, name: NameRecord, r: Release): Promise<Record<string, unknown> | undefined> {
  const rev = await readRecord(ctx, ns, revisionPath(name.id, r.record.revision), isRevisionRecord);
  if (!rev) return undefined;
  const [track = '', risk = ''] = r.channel.split('/');
  const channel: Record<string, unknown> = { name: r.channel, track, risk, base: r.base };
  if (r.record['released-at']) channel['released-at'] = r.record['released-at'];
  const { resources: refs, download, ...fields } = rev;
  const subordinate = subordinateOf(rev['metadata-yaml']);
  return {
    channel,
    revision: { ...fields, ...(subordinate === undefined ? {} : { subordinate }), download: { url: `${base}${charmBlobPath(name.id, rev.revision)}`, ...download } },
    resources: await composeResources(ctx, ns, base, name.id, r.record.resources ?? refs),
  };
}

/** The whole info document (every field), or undefined when the name is not here. */
export async function infoDocument(ctx: ComposeCtx, ns: string, base: string, name: string, channel: string | null): Promise<Record<string, unknown> | undefined> {
  const rec = await nameRecord(ctx, ns, name);
  if (!rec) return undefined;
  let releases = await releasesOf(ctx, ns, name);
  if (channel) {
    const want = channelName(parseChannel(channel) ?? { track: '', risk: 'stable' }, rec['default-track']);
    releases = releases.filter((r) => r.channel === want);
  }
  const map = [];
  for (const r of releases) {
    const e = await releaseEntry(ctx, ns, base, rec, r);
    if (e) map.push({ r, e });
  }
  const preferred = `${rec['default-track']}/stable`;
  const newest = sortBases(map.filter((m) => m.r.channel === preferred).map((m) => m.r.base))[0];
  const def = map.find((m) => m.r.channel === preferred && newest && m.r.base === newest) ?? map[0];
  const doc: Record<string, unknown> = { type: rec.type, id: rec.id, name: rec.name, result: rec.result, 'channel-map': map.map((m) => m.e) };
  if (def) doc['default-release'] = def.e;
  return doc;
}

export async function infoLocal(ctx: ComposeCtx & Pick<SiteContext, 'list'>, ns: string, base: string, name: string, query: URLSearchParams): Promise<Reply> {
  const channel = query.get('channel');
  if (channel && !parseChannel(channel)) return errorList(400, 'invalid-channel', `Invalid channel ${JSON.stringify(channel)}.`);
  const doc = await infoDocument(ctx, ns, base, name, channel);
  if (!doc) return errorList(404, 'not-found', `No charm or bundle named ${JSON.stringify(name)} is in this cache.`);
  if (channel && (doc['channel-map'] as unknown[]).length === 0) return notFoundReply(`channel ${channel} of ${name}`);
  return jsonReply(200, selectFields(doc, query.get('fields')));
}
