// The seeder's side of the Charmhub protocol, spoken as Juju 3.6 speaks it (spec charmhub.md §2,
// §3): JSON headers on every call, `info` with Juju's field list, and `refresh` with `context: []`
// and install actions carrying a concrete base. A 5xx or a broken connection is tried again, as
// Juju's HTTP client does.
import { AgcError } from '../../errors.js';
import type { Base, JsonObject } from '../../sites/charm/records.js';
import { errorListText, isObject, jsonAnswer, StoreApiClient } from '../store-api.js';

export const USER_AGENT = 'Juju/3.6.10';

/** The `fields` of Juju's refresh requests (3.6, plus 4.x's actions-yaml). */
export const REFRESH_FIELDS = ['bases', 'config-yaml', 'download', 'id', 'license', 'metadata-yaml', 'name', 'publisher', 'resources', 'revision', 'summary', 'type', 'version', 'actions-yaml'];

const channelFields = ['name', 'base.architecture', 'base.name', 'base.channel', 'released-at', 'risk', 'track'];
/** Juju's info filter (spec §3.1), with the channel map's metadata for the name record. */
export const INFO_FIELDS = [
  'result.categories.featured', 'result.categories.name', 'result.contains-charms.name', 'result.contains-charms.package-id', 'result.contains-charms.store-url',
  'result.description', 'result.license', 'result.publisher.display-name', 'result.store-url', 'result.summary',
  'default-release.revision.download.size', 'default-release.revision.config-yaml', 'default-release.revision.metadata-yaml', 'default-release.revision.bundle-yaml',
  'default-release.revision.bases.architecture', 'default-release.revision.bases.name', 'default-release.revision.bases.channel', 'default-release.revision.revision', 'default-release.revision.version',
  ...channelFields.map((f) => `default-release.channel.${f}`),
  'channel-map.revision.download.size', 'channel-map.revision.created-at', 'channel-map.revision.bases.architecture', 'channel-map.revision.bases.name', 'channel-map.revision.bases.channel',
  'channel-map.revision.revision', 'channel-map.revision.version',
  ...channelFields.map((f) => `channel-map.channel.${f}`),
];

export interface InstallAction {
  name: string;
  channel?: string | undefined;
  revision?: number | undefined;
  /** null: Juju's install by revision. */
  base: Base | null;
  'resource-revisions'?: { name: string; revision: number }[];
}

export class CharmhubClient extends StoreApiClient {
  private headers(): Record<string, string> {
    return { accept: 'application/json', 'content-type': 'application/json', 'user-agent': USER_AGENT };
  }

  /** The info answer, or undefined when Charmhub has no such name. */
  async info(name: string): Promise<JsonObject | undefined> {
    const url = `${this.base}/v2/charms/info/${encodeURIComponent(name)}?fields=${INFO_FIELDS.join(',')}`;
    const res = await this.call({ method: 'GET', url, headers: this.headers() });
    if (res.status === 404) return undefined;
    const doc = jsonAnswer(res, url, 'Charmhub');
    if (res.status !== 200 || !isObject(doc)) throw new AgcError('AGC_ERR_SEED', `${url}: Charmhub answered ${res.status}${errorListText(doc)}`, { subject: url });
    return doc;
  }

  /** One install action per entry, batched; the results in action order (an `error` result where none came back). */
  async install(actions: readonly InstallAction[]): Promise<JsonObject[]> {
    const body = {
      context: [],
      actions: actions.map((a, i) => ({ action: 'install', 'instance-key': `seed-${i + 1}`, name: a.name, ...(a.revision !== undefined ? { revision: a.revision } : { channel: a.channel ?? 'stable' }), base: a.base, ...(a['resource-revisions'] ? { 'resource-revisions': a['resource-revisions'] } : {}) })),
      fields: REFRESH_FIELDS,
    };
    const url = `${this.base}/v2/charms/refresh`;
    const res = await this.call({ method: 'POST', url, headers: this.headers(), body: Buffer.from(JSON.stringify(body)) });
    const doc = jsonAnswer(res, url, 'Charmhub');
    if (res.status !== 200 || !isObject(doc) || !Array.isArray(doc.results)) throw new AgcError('AGC_ERR_SEED', `${url}: Charmhub answered ${res.status}${errorListText(doc)}`, { subject: url });
    const results = doc.results;
    return body.actions.map((a) => results.find((r): r is JsonObject => isObject(r) && r['instance-key'] === a['instance-key']) ?? { result: 'error', error: { code: 'no-result', message: 'Charmhub gave no result for this action' } });
  }
}


