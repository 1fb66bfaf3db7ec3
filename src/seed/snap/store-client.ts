// The seeder's side of the store protocol, as `snap download` speaks it (spec §4, §5, §6.1, §8.1):
// a refresh with `download` actions, the info channel map, and assertion GETs. Assertions are
// asked in the formats Debian 12's snapd reads (snap-declaration ≤ 5), the oldest client the
// cache serves; newer clients read those too. A 5xx or a broken connection is tried again.
import { AgcError } from '../../errors.js';
import { decodeAssertion, type Assertion } from '../../sites/snap/assertion.js';
import { ASSERTIONS_PREFIX, assertionPath } from '../../sites/snap/primary-key.js';
import type { Json, JsonObject } from '../../sites/snap/records.js';
import { errorListText, isObject, jsonAnswer, StoreApiClient } from '../store-api.js';

export const SEED_MAX_FORMATS: Readonly<Record<string, number>> = { 'snap-declaration': 5, 'system-user': 1 };

/** The fields snapd 2.57.6 asks of action requests (spec §5.1). */
export const ACTION_FIELDS = ['architectures', 'base', 'confinement', 'contact', 'created-at', 'description', 'download', 'epoch', 'license', 'name', 'prices', 'private', 'publisher', 'revision', 'snap-id', 'snap-yaml', 'summary', 'title', 'type', 'version', 'website', 'store-url', 'media', 'common-ids'];
const INFO_FIELDS = ACTION_FIELDS.filter((f) => f !== 'snap-yaml');

export interface WantedSnap {
  name: string;
  channel?: string | undefined;
  revision?: number | undefined;
}

export class StoreClient extends StoreApiClient {
  private headers(arch: string, v2: boolean): Record<string, string> {
    const h: Record<string, string> = { 'user-agent': 'airgap-cache-seed', 'snap-device-capabilities': 'default-tracks' };
    if (v2) Object.assign(h, { 'snap-device-architecture': arch, 'snap-device-series': '16', 'snap-classic': 'true' });
    else Object.assign(h, { 'x-ubuntu-architecture': arch, 'x-ubuntu-series': '16', 'x-ubuntu-classic': 'true', 'x-ubuntu-wire-protocol': '1' });
    return h;
  }

  /** One `download` action per wanted snap, on one architecture; the results in action order. */
  async download(arch: string, wanted: readonly WantedSnap[]): Promise<JsonObject[]> {
    const actions = wanted.map((w, i) => ({ action: 'download', 'instance-key': `download-${i + 1}`, name: w.name, ...(w.revision ? { revision: w.revision } : w.channel ? { channel: w.channel } : {}), epoch: null }));
    const url = `${this.base}/v2/snaps/refresh`;
    const res = await this.call({ method: 'POST', url, headers: { ...this.headers(arch, true), accept: 'application/json', 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ context: [], actions, fields: ACTION_FIELDS })) });
    const doc = jsonAnswer(res, url, 'the store');
    if (res.status !== 200 || !isObject(doc) || !Array.isArray(doc.results)) throw new AgcError('AGC_ERR_SEED', `${url}: the store answered ${res.status}${errorListText(doc)}`, { subject: url });
    return actions.map((a) => (doc.results as Json[]).find((r): r is JsonObject => isObject(r) && r['instance-key'] === a['instance-key']) ?? { result: 'error', error: { code: 'no-result', message: 'the store gave no result for this action' } });
  }

  /** The info answer for a name on an architecture, or undefined when the store has no such snap. */
  async info(name: string, arch: string): Promise<JsonObject | undefined> {
    const url = `${this.base}/v2/snaps/info/${encodeURIComponent(name)}?architecture=${encodeURIComponent(arch)}&fields=${INFO_FIELDS.join(',')}`;
    const res = await this.call({ method: 'GET', url, headers: { ...this.headers(arch, true), accept: 'application/json' } });
    if (res.status === 404) return undefined;
    const doc = jsonAnswer(res, url, 'the store');
    if (res.status !== 200 || !isObject(doc)) throw new AgcError('AGC_ERR_SEED', `${url}: the store answered ${res.status}${errorListText(doc)}`, { subject: url });
    return doc;
  }

  /** One assertion by type and primary key, checked to be that one; undefined when the store has none. */
  async assertion(type: string, key: readonly string[]): Promise<Assertion | undefined> {
    const path = `${ASSERTIONS_PREFIX}${type}/${key.join('/')}`;
    const url = `${this.base}${path}?max-format=${SEED_MAX_FORMATS[type] ?? 0}`;
    const res = await this.call({ method: 'GET', url, headers: { ...this.headers('amd64', false), accept: 'application/x.ubuntu.assertion' } });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw new AgcError('AGC_ERR_SEED', `${url}: the store answered ${res.status}`, { subject: url });
    let a: Assertion;
    try {
      a = decodeAssertion(res.body);
    } catch (err) {
      throw new AgcError('AGC_ERR_SEED', `${url}: not an assertion: ${(err as Error).message}`, { subject: url });
    }
    if (assertionPath(a) !== path) throw new AgcError('AGC_ERR_SEED', `${url}: the store sent ${assertionPath(a) ?? a.type} instead`, { subject: url });
    return a;
  }
}



