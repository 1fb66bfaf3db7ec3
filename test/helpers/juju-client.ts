// A Charmhub client that is as strict as Juju 3.6/4.x's Go client (spec charmhub.md §2, §3.3 hard
// requirements, §5), for tests: no Juju can be installed here. Written from the spec, not from
// Juju's source. What it enforces, and where Juju does the same:
//   - every request: Accept and Content-Type application/json, User-Agent Juju/3.6.10; query keys
//     sorted, commas %2C-encoded, empty values dropped (Go url.Values.Encode);
//   - 200–204 need a JSON media type; 404 and other 4xx need Content-Type exactly
//     `application/json` (no charset); 5xx is "server error";
//   - decoding as encoding/json into Juju's structs would: times RFC 3339 or null/absent (an empty
//     string fails), integers for revision and size, `publisher` a map of strings, strings where
//     strings are declared; `type` charm|bundle; resources file|oci-image with a 96-hex sha384;
//   - refresh: exactly one result per requested instance-key, no strangers, metadata-yaml present
//     for charm installs; invalid-charm-base → retry with the first default-base of the requested
//     architecture, an error on that retry reported bare ("resolving retry error"); revision-not-found
//     is terminal and needs a non-empty `releases`;
//   - downloads: only 200, no Content-Encoding, Content-Length present and equal to the bytes
//     read, sha256 and sha384 (4.x) equal to what the refresh answer advertised.
// It talks to a base URL such as https://api.charmhub.io; `connectTo` sends every request (API
// and absolute download URLs) to another origin with the original Host header instead (an
// in-process site or a fake); without it names resolve normally (the e2e world's DNS and trust).
import { createHash } from 'node:crypto';
import { connect as tlsConnect } from 'node:tls';
import { Agent, request, type Dispatcher } from 'undici';
import { parse as parseYaml } from 'yaml';
import yauzl from 'yauzl';

export const USER_AGENT = 'Juju/3.6.10';
export const REFRESH_FIELDS = ['bases', 'config-yaml', 'download', 'id', 'license', 'metadata-yaml', 'name', 'publisher', 'resources', 'revision', 'summary', 'type', 'version'];
export const INFO_FIELDS = [
  'result.categories.featured', 'result.categories.name', 'result.contains-charms.name', 'result.contains-charms.package-id', 'result.contains-charms.store-url',
  'result.description', 'result.license', 'result.publisher.display-name', 'result.store-url', 'result.summary',
  'default-release.revision.download.size', 'default-release.revision.config-yaml', 'default-release.revision.metadata-yaml', 'default-release.revision.bundle-yaml',
  'default-release.revision.bases.architecture', 'default-release.revision.bases.name', 'default-release.revision.bases.channel', 'default-release.revision.revision', 'default-release.revision.version',
  'default-release.channel.name', 'default-release.channel.base.architecture', 'default-release.channel.base.name', 'default-release.channel.base.channel',
  'default-release.channel.released-at', 'default-release.channel.risk', 'default-release.channel.track',
  'channel-map.revision.download.size', 'channel-map.revision.created-at', 'channel-map.revision.bases.architecture', 'channel-map.revision.bases.name',
  'channel-map.revision.bases.channel', 'channel-map.revision.revision', 'channel-map.revision.version',
  'channel-map.channel.name', 'channel-map.channel.base.architecture', 'channel-map.channel.base.name', 'channel-map.channel.base.channel',
  'channel-map.channel.released-at', 'channel-map.channel.risk', 'channel-map.channel.track',
];

export interface Base { architecture: string; name: string; channel: string }
export const NA_BASE = (architecture = 'amd64'): Base => ({ architecture, name: 'NA', channel: 'NA' });

export interface Download { url: string; size: number; 'hash-sha-256': string; 'hash-sha-384': string }
export interface ResourceRevision { name: string; type: 'file' | 'oci-image'; revision: number; filename: string; description: string; download: Download }
export interface Entity {
  type: 'charm' | 'bundle';
  id: string;
  name: string;
  revision: number;
  version: string;
  publisher: Record<string, string>;
  'created-at'?: string;
  bases: Base[];
  download: Download;
  resources: ResourceRevision[];
  'metadata-yaml': string;
  'config-yaml': string;
  summary: string;
  license: string;
}
export interface RefreshError { code: string; message: string; extra: { releases?: { base: Base; channel: string }[]; 'default-bases'?: Base[] } }
export interface RefreshResult { result: string; 'instance-key': string; id: string; name: string; 'effective-channel': string; 'released-at'?: string; charm?: Entity; error?: RefreshError }

export interface ContextEntry { 'instance-key': string; id: string; revision: number; base: Base; 'tracking-channel': string; metrics?: Record<string, string> }
export interface Action {
  action: 'install' | 'download' | 'refresh';
  'instance-key': string;
  id?: string;
  name?: string;
  channel?: string;
  revision?: number;
  base: Base | null;
  'resource-revisions'?: { name: string; revision: number }[];
}

/** A failure Juju would also report; `kind` says which of its checks tripped. */
export class JujuError extends Error {
  constructor(
    readonly kind: 'not-found' | 'content-type' | 'server-error' | 'decode' | 'api' | 'resolve' | 'download',
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

export interface JujuClientOptions {
  baseUrl?: string;
  /** Connect here (http://127.0.0.1:PORT) for every URL, keeping its Host header. */
  connectTo?: string;
  dispatcher?: Dispatcher;
}

// ---- Go-like decoding --------------------------------------------------------------------------

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(path: string, why: string): never {
  throw new JujuError('decode', `json: cannot unmarshal ${path}: ${why}`);
}
function str(v: unknown, path: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') fail(path, `${JSON.stringify(v)} into Go value of type string`);
  return v;
}
function int(v: unknown, path: string): number {
  if (v === undefined || v === null) return 0;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) fail(path, `${JSON.stringify(v)} into Go value of type int`);
  return v;
}
function time(v: unknown, path: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !rfc3339.test(v) || Number.isNaN(Date.parse(v))) fail(path, `parsing time ${JSON.stringify(v)} as RFC 3339`);
  return v;
}
function obj(v: unknown, path: string): Obj {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) fail(path, `${JSON.stringify(v)} into Go struct`);
  return v;
}
function arr(v: unknown, path: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(path, `${JSON.stringify(v)} into Go slice`);
  return v;
}
function stringMap(v: unknown, path: string): Record<string, string> {
  const o = obj(v, path);
  for (const [k, x] of Object.entries(o)) str(x, `${path}.${k}`);
  return o as Record<string, string>;
}
export function decodeBase(v: unknown, path: string): Base {
  const o = obj(v, path);
  return { architecture: str(o.architecture, `${path}.architecture`), name: str(o.name, `${path}.name`), channel: str(o.channel, `${path}.channel`) };
}
function decodeDownload(v: unknown, path: string): Download {
  const o = obj(v, path);
  return { url: str(o.url, `${path}.url`), size: int(o.size, `${path}.size`), 'hash-sha-256': str(o['hash-sha-256'], `${path}.hash-sha-256`), 'hash-sha-384': str(o['hash-sha-384'], `${path}.hash-sha-384`) };
}
export function decodeResource(v: unknown, path: string): ResourceRevision {
  const o = obj(v, path);
  const type = str(o.type, `${path}.type`);
  // charmresource.ParseType and ParseFingerprint, as deploy does.
  if (type !== 'file' && type !== 'oci-image') throw new JujuError('decode', `${path}: invalid resource type ${JSON.stringify(type)}`);
  const download = decodeDownload(o.download, `${path}.download`);
  if (!/^[0-9a-f]{96}$/.test(download['hash-sha-384'])) throw new JujuError('decode', `${path}: invalid fingerprint ${JSON.stringify(download['hash-sha-384'])}`);
  return { name: str(o.name, `${path}.name`), type, revision: int(o.revision, `${path}.revision`), filename: str(o.filename, `${path}.filename`), description: str(o.description, `${path}.description`), download };
}
function decodeEntity(v: unknown, path: string): Entity {
  const o = obj(v, path);
  const type = str(o.type, `${path}.type`);
  if (type !== 'charm' && type !== 'bundle') throw new JujuError('decode', `${path}: unexpected response type ${JSON.stringify(type)}`);
  const e: Entity = {
    type,
    id: str(o.id, `${path}.id`),
    name: str(o.name, `${path}.name`),
    revision: int(o.revision, `${path}.revision`),
    version: str(o.version, `${path}.version`),
    publisher: stringMap(o.publisher, `${path}.publisher`),
    bases: arr(o.bases, `${path}.bases`).map((b, i) => decodeBase(b, `${path}.bases[${i}]`)),
    download: decodeDownload(o.download, `${path}.download`),
    resources: arr(o.resources, `${path}.resources`).map((r, i) => decodeResource(r, `${path}.resources[${i}]`)),
    'metadata-yaml': str(o['metadata-yaml'], `${path}.metadata-yaml`),
    'config-yaml': str(o['config-yaml'], `${path}.config-yaml`),
    summary: str(o.summary, `${path}.summary`),
    license: str(o.license, `${path}.license`),
  };
  const created = time(o['created-at'], `${path}.created-at`);
  if (created !== undefined) e['created-at'] = created;
  return e;
}
function decodeError(v: unknown, path: string): RefreshError {
  const o = obj(v, path);
  const extra = obj(o.extra, `${path}.extra`);
  const out: RefreshError = { code: str(o.code, `${path}.code`), message: str(o.message, `${path}.message`), extra: {} };
  if (extra.releases !== undefined && extra.releases !== null) {
    out.extra.releases = arr(extra.releases, `${path}.extra.releases`).map((r, i) => {
      const ro = obj(r, `${path}.extra.releases[${i}]`);
      return { base: decodeBase(ro.base, `${path}.extra.releases[${i}].base`), channel: str(ro.channel, `${path}.extra.releases[${i}].channel`) };
    });
  }
  if (extra['default-bases'] !== undefined && extra['default-bases'] !== null) {
    out.extra['default-bases'] = arr(extra['default-bases'], `${path}.extra.default-bases`).map((b, i) => decodeBase(b, `${path}.extra.default-bases[${i}]`));
  }
  return out;
}
export function decodeRefreshResult(v: unknown, path: string): RefreshResult {
  const o = obj(v, path);
  const r: RefreshResult = {
    result: str(o.result, `${path}.result`),
    'instance-key': str(o['instance-key'], `${path}.instance-key`),
    id: str(o.id, `${path}.id`),
    name: str(o.name, `${path}.name`),
    'effective-channel': str(o['effective-channel'], `${path}.effective-channel`),
  };
  const released = time(o['released-at'], `${path}.released-at`);
  if (released !== undefined) r['released-at'] = released;
  if (o.charm !== undefined && o.charm !== null) r.charm = decodeEntity(o.charm, `${path}.charm`);
  if (o.error !== undefined && o.error !== null) r.error = decodeError(o.error, `${path}.error`);
  return r;
}
function errorListOf(doc: Obj): { code: string; message: string }[] {
  return arr(doc['error-list'], 'error-list').map((e, i) => {
    const o = obj(e, `error-list[${i}]`);
    return { code: str(o.code, `error-list[${i}].code`), message: str(o.message, `error-list[${i}].message`) };
  });
}

// ---- transport ----------------------------------------------------------------------------------

export interface HttpAnswer { status: number; headers: Record<string, string>; body: Buffer }

/** Go url.Values.Encode: keys sorted, values escaped (commas included), empty values dropped. */
export function goQuery(q: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const k of Object.keys(q).sort()) if (q[k]) p.append(k, q[k]);
  return p.toString();
}

export class JujuClient {
  readonly baseUrl: string;
  private readonly connectTo: string | undefined;
  private readonly dispatcher: Dispatcher | undefined;
  private keySeq = 0;

  constructor(opts: JujuClientOptions = {}) {
    this.baseUrl = (opts.baseUrl ?? 'https://api.charmhub.io').replace(/\/$/, '');
    this.connectTo = opts.connectTo;
    this.dispatcher = opts.dispatcher;
  }

  newKey(): string {
    return `juju-key-${++this.keySeq}-${Math.random().toString(36).slice(2, 10)}`;
  }

  /** One HTTP exchange; the body read whole. */
  async http(method: string, url: string, headers: Record<string, string>, body?: string): Promise<HttpAnswer> {
    const u = new URL(url);
    const target = this.connectTo ? new URL(u.pathname + u.search, this.connectTo).toString() : url;
    const h: Record<string, string> = { ...headers };
    if (this.connectTo) h.host = u.host;
    // No redirect interceptor: a redirect is not a 200, which is what a cache must answer.
    const res = await request(target, { method: method as 'GET' | 'POST', headers: h, ...(body === undefined ? {} : { body }), ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}) });
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
    return { status: res.statusCode, headers: out, body: Buffer.from(await res.body.arrayBuffer()) };
  }

  /** apiRequester.doOnce: the status and content-type rules, then the decoded JSON (2xx) or a JujuError. */
  async api(method: 'GET' | 'POST', path: string, query: Record<string, string | undefined> = {}, body?: unknown): Promise<Obj> {
    const qs = goQuery(query);
    const url = `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
    const res = await this.http(method, url, { accept: 'application/json', 'content-type': 'application/json', 'user-agent': USER_AGENT }, body === undefined ? undefined : `${JSON.stringify(body)}\n`);
    const ct = res.headers['content-type'];
    if (res.status >= 200 && res.status <= 204) {
      if (!/^application\/json\s*(;.*)?$/i.test(ct ?? '')) throw new JujuError('content-type', `unexpected content-type ${JSON.stringify(ct)} from ${url}`);
      const doc = parseJson(res.body, url);
      return doc;
    }
    if (res.status >= 500) throw new JujuError('server-error', `server error "${url}"`, res.status);
    if (ct !== 'application/json') {
      throw new JujuError('content-type', res.status === 404 ? `unexpected charm-hub url ${JSON.stringify(url)} when parsing headers` : `unexpected content-type from server ${JSON.stringify(ct)}`, res.status);
    }
    const doc = parseJson(res.body, url);
    const errs = errorListOf(doc);
    if (res.status === 404) throw new JujuError('not-found', errs[0]?.message ?? 'not found', { status: 404, errors: errs });
    throw new JujuError('api', errs.map((e) => e.message).join('; ') || `status ${res.status}`, { status: res.status, errors: errs });
  }

  /** POST /v2/charms/refresh, with Ensure(): one result per action key, none other. */
  async refresh(context: ContextEntry[], actions: Action[], extra: Obj = {}): Promise<RefreshResult[]> {
    const doc = await this.api('POST', '/v2/charms/refresh', {}, { context, actions, fields: REFRESH_FIELDS, ...extra });
    const errs = errorListOf(doc);
    if (errs.length > 0) throw new JujuError('api', errs.map((e) => e.message).join('; '), errs);
    const results = arr(doc.results, 'results').map((r, i) => decodeRefreshResult(r, `results[${i}]`));
    const keys = new Set(actions.map((a) => a['instance-key']));
    for (const r of results) if (!keys.has(r['instance-key'])) throw new JujuError('decode', `refresh result instance key ${JSON.stringify(r['instance-key'])} action key not valid`);
    for (const k of keys) {
      const n = results.filter((r) => r['instance-key'] === k).length;
      if (n === 0) throw new JujuError('decode', `missing response for instance key ${k}`);
      if (n > 1) throw new JujuError('decode', `more than 1 result found for instance key ${k}`);
    }
    return results;
  }

  private async one(context: ContextEntry[], action: Action): Promise<RefreshResult> {
    const [r] = await this.refresh(context, [action]);
    return r!;
  }

  /** Deploy resolution with no id yet: install by name and channel with an NA base, retried once on invalid-charm-base. */
  async deployByChannel(name: string, channel: string, arch = 'amd64'): Promise<{ result: RefreshResult; attempts: RefreshResult[] }> {
    const attempts: RefreshResult[] = [];
    let base: Base = NA_BASE(arch);
    for (;;) {
      const r = await this.one([], { action: 'install', 'instance-key': this.newKey(), name, channel, base });
      attempts.push(r);
      if (r.result !== 'error') return { result: checkInstall(r), attempts };
      const code = r.error?.code;
      if ((code === 'invalid-charm-base' || code === 'invalid-charm-platform') && attempts.length === 1) {
        const next = (r.error?.extra['default-bases'] ?? []).find((b) => b.architecture === arch);
        if (!next) throw new JujuError('resolve', `no default base for ${arch}`, r);
        base = next;
        continue;
      }
      // retryResolveWithPreferredChannel: an error on the retry loses the first answer's releases.
      if (attempts.length > 1) throw new JujuError('resolve', `resolving retry error: ${r.error?.message ?? r.result}`, r);
      throw new JujuError('resolve', resolveMessage(name, channel, r), r);
    }
  }

  /** deploy --revision with no id: install by name and revision, base null. */
  async deployByRevision(name: string, revision: number): Promise<RefreshResult> {
    const r = await this.one([], { action: 'install', 'instance-key': this.newKey(), name, revision, base: null });
    if (r.result === 'error') throw new JujuError('resolve', resolveMessage(name, `revision ${revision}`, r), r);
    return checkInstall(r);
  }

  /** The revision updater / `juju refresh`: a refresh action by id joined to its context by key. */
  async refreshInstalled(installed: { id: string; revision: number; channel: string; base: Base }): Promise<RefreshResult> {
    const key = this.newKey();
    const r = await this.one([{ 'instance-key': key, id: installed.id, revision: installed.revision, base: installed.base, 'tracking-channel': installed.channel, metrics: { relations: '' } }], { action: 'refresh', 'instance-key': key, id: installed.id, base: null });
    if (r.result === 'error') throw new JujuError('resolve', resolveMessage(installed.id, installed.channel, r), r);
    if (r.result !== 'refresh') throw new JujuError('decode', `expected a refresh result, got ${r.result}`, r);
    return r;
  }

  /** Resources for a channel (DownloadOneFromChannel): a download action by id. */
  async resourcesByChannel(id: string, channel: string, base: Base): Promise<ResourceRevision[]> {
    const r = await this.one([], { action: 'download', 'instance-key': this.newKey(), id, channel, base });
    if (r.result === 'error' || !r.charm) throw new JujuError('resolve', resolveMessage(id, channel, r), r);
    return r.charm.resources;
  }

  /** Resources at given revisions (DownloadOneFromRevision + resource-revisions). */
  async resourcesByRevision(id: string, revision: number, resources: { name: string; revision: number }[]): Promise<ResourceRevision[]> {
    const r = await this.one([], { action: 'download', 'instance-key': this.newKey(), id, revision, base: null, 'resource-revisions': resources });
    if (r.result === 'error' || !r.charm) throw new JujuError('resolve', resolveMessage(id, `revision ${revision}`, r), r);
    return r.charm.resources;
  }

  /** GET /v2/charms/resources/CHARM/RESOURCE/revisions. */
  async resourceRevisions(charm: string, resource: string): Promise<ResourceRevision[]> {
    const doc = await this.api('GET', `/v2/charms/resources/${charm}/${resource}/revisions`);
    return arr(doc.revisions, 'revisions').map((r, i) => decodeResource(r, `revisions[${i}]`));
  }

  /** GET /v2/charms/info/NAME with Juju's field list (or the given one). */
  async info(name: string, opts: { fields?: string[]; channel?: string } = {}): Promise<Obj> {
    const doc = await this.api('GET', `/v2/charms/info/${name}`, { fields: (opts.fields ?? INFO_FIELDS).join(','), channel: opts.channel });
    decodeInfo(doc, 'info');
    return doc;
  }

  /** GET /v2/charms/find. */
  async find(q: string, extra: Record<string, string> = {}): Promise<Obj[]> {
    const doc = await this.api('GET', '/v2/charms/find', { q, fields: 'result.publisher.display-name,result.summary,result.store-url,default-release.revision.bases.architecture,default-release.revision.bases.name,default-release.revision.bases.channel,default-release.revision.version', ...extra });
    const results = arr(doc.results, 'results');
    results.forEach((r, i) => decodeInfo(obj(r, `results[${i}]`), `results[${i}]`));
    return results as Obj[];
  }

  /** A blob at an absolute URL, checked as 4.x does: 200 only, Content-Length = bytes, no encoding, sha256 and sha384. */
  async download(dl: Download, opts: { checkSize?: boolean } = {}): Promise<Buffer> {
    const res = await this.http('GET', dl.url, { 'user-agent': USER_AGENT, 'accept-encoding': 'gzip' });
    if (res.status === 404) throw new JujuError('not-found', `archive not found at ${dl.url}`);
    if (res.status !== 200) throw new JujuError('download', `unable to locate archive (store API responded with status ${res.status})`, res.status);
    if (res.headers['content-encoding'] !== undefined) throw new JujuError('download', `compressed download (${res.headers['content-encoding']}) has no usable Content-Length`);
    const cl = res.headers['content-length'];
    if (cl === undefined || Number(cl) !== res.body.length) throw new JujuError('download', `downloaded size ${res.body.length} does not match expected size ${cl}`);
    const sha256 = createHash('sha256').update(res.body).digest('hex');
    const sha384 = createHash('sha384').update(res.body).digest('hex');
    if (sha256 !== dl['hash-sha-256']) throw new JujuError('download', `detected SHA256 hash mismatch: ${sha256} != ${dl['hash-sha-256']}`);
    if (sha384 !== dl['hash-sha-384']) throw new JujuError('download', `resource fingerprint does not match expected: ${sha384}`);
    if (opts.checkSize !== false && res.body.length !== dl.size) throw new JujuError('download', `resource size does not match expected: ${res.body.length} != ${dl.size}`);
    return res.body;
  }

  /**
   * `juju download NAME [--channel C] [--base B] [--revision R]` (cmd/juju/charmhub/download.go):
   * install with a concrete base (default the newest LTS, never NA) and the channel as given or
   * `stable`, normalised; on revision-not-found one retry with the first base of the releases whose
   * channel string equals the one sent; then the archive with its sha256 checked.
   */
  async downloadCharm(name: string, opts: { channel?: string; base?: Base; revision?: number } = {}): Promise<{ result: RefreshResult; archive: Buffer; attempts: RefreshResult[] }> {
    const channel = normaliseChannel(opts.channel ?? 'stable');
    const attempts: RefreshResult[] = [];
    let base = opts.base ?? { architecture: 'amd64', name: 'ubuntu', channel: '24.04' };
    for (;;) {
      const action: Action = opts.revision !== undefined ? { action: 'install', 'instance-key': this.newKey(), name, revision: opts.revision, base: null } : { action: 'install', 'instance-key': this.newKey(), name, channel, base };
      const r = await this.one([], action);
      attempts.push(r);
      if (r.result !== 'error') {
        const archive = await this.download(r.charm!.download, { checkSize: false });
        return { result: r, archive, attempts };
      }
      if (r.error?.code !== 'revision-not-found') throw new JujuError('resolve', `unable to locate ${name}: ${r.error?.message ?? ''}`, r);
      if (opts.revision !== undefined) throw new JujuError('resolve', `unable to locate ${name} revison ${opts.revision}: ${r.error.message}`, r);
      const suggested = (r.error.extra.releases ?? []).filter((x) => x.channel === channel).map((x) => x.base);
      if (suggested.length === 0) throw new JujuError('resolve', `"${name}" has no releases in channel "${channel}"`, r);
      if (attempts.length > 1) throw new JujuError('resolve', `"${name}" does not support base ${base.name}@${base.channel} in channel "${channel}"`, r);
      base = { architecture: base.architecture, name: suggested[0]!.name, channel: suggested[0]!.channel };
    }
  }

  /** Bundle deploy: resolve (must be type bundle), fetch the archive, read bundle.yaml, resolve each application's charm. */
  async resolveBundle(name: string, channel: string, arch = 'amd64'): Promise<{ bundle: RefreshResult; yaml: Obj; charms: Record<string, RefreshResult> }> {
    const { result } = await this.deployByChannel(name, channel, arch);
    if (result.charm?.type !== 'bundle') throw new JujuError('resolve', `${name} is not a bundle`);
    const zip = await this.download(result.charm.download);
    const files = await unzip(zip);
    if (!files.has('bundle.yaml') || !files.has('README.md')) throw new JujuError('decode', 'bundle archive needs bundle.yaml and README.md');
    const yaml = obj(parseYaml(files.get('bundle.yaml')!.toString('utf8')), 'bundle.yaml');
    const apps = obj(yaml.applications ?? yaml.services, 'bundle.yaml applications');
    const charms: Record<string, RefreshResult> = {};
    for (const [app, spec] of Object.entries(apps)) {
      const s = obj(spec, `applications.${app}`);
      // Juju strips the `ch:` schema real bundles use; `cs:` and local paths are not Charmhub's.
      const charm = str(s.charm, `applications.${app}.charm`).replace(/^ch:/, '');
      charms[app] = s.revision !== undefined ? await this.deployByRevision(charm, int(s.revision, `applications.${app}.revision`)) : (await this.deployByChannel(charm, str(s.channel, `applications.${app}.channel`) || 'stable', arch)).result;
    }
    return { bundle: result, yaml, charms };
  }
}

/** charm.ParseChannelNormalize (3.6/4.x): a missing risk is stable, `latest/` is kept as given. */
export function normaliseChannel(ch: string): string {
  const p = ch.split('/');
  const risks = ['stable', 'candidate', 'beta', 'edge'];
  if (p.length === 1) return risks.includes(p[0]!) ? p[0]! : `${p[0]}/stable`;
  return ch;
}

function parseJson(body: Buffer, url: string): Obj {
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new JujuError('decode', `invalid JSON from ${url}: ${String(e)}`);
  }
  return obj(doc, 'response');
}

function checkInstall(r: RefreshResult): RefreshResult {
  if (!r.charm) throw new JujuError('decode', 'install result without a charm', r);
  if (r.charm.type === 'charm' && r.charm['metadata-yaml'] === '') throw new JujuError('resolve', 'does not include the contents of metadata.yaml', r);
  if (!/^[0-9a-f]{64}$/.test(r.charm.download['hash-sha-256'])) throw new JujuError('decode', 'charm download hash-sha-256 is not a sha256', r);
  return r;
}

function resolveMessage(name: string, wanted: string, r: RefreshResult): string {
  const e = r.error;
  if (e?.code === 'revision-not-found') {
    if ((e.extra.releases ?? []).length === 0) return 'selecting releases: no releases available';
    const rel = (e.extra.releases ?? []).map((x) => `${x.channel} ${x.base.name}@${x.base.channel}/${x.base.architecture}`).join(', ');
    return `charm or bundle not found for ${wanted} of ${name}, available releases are: ${rel}`;
  }
  return `resolving error: ${e?.message ?? r.result}`;
}

/** Info and find entries as transport.InfoResponse / FindResponse decode them. */
export function decodeInfo(doc: Obj, path: string): void {
  const type = str(doc.type, `${path}.type`);
  if (type !== 'charm' && type !== 'bundle') throw new JujuError('decode', `${path}: unexpected response type ${JSON.stringify(type)}`);
  str(doc.id, `${path}.id`);
  str(doc.name, `${path}.name`);
  const result = obj(doc.result, `${path}.result`);
  stringMap(result.publisher, `${path}.result.publisher`);
  for (const k of ['summary', 'description', 'license', 'store-url']) str(result[k], `${path}.result.${k}`);
  const release = (v: unknown, p: string) => {
    const o = obj(v, p);
    const ch = obj(o.channel, `${p}.channel`);
    for (const k of ['name', 'track', 'risk']) str(ch[k], `${p}.channel.${k}`);
    time(ch['released-at'], `${p}.channel.released-at`);
    decodeBase(ch.base, `${p}.channel.base`);
    const rev = obj(o.revision, `${p}.revision`);
    int(rev.revision, `${p}.revision.revision`);
    str(rev.version, `${p}.revision.version`);
    time(rev['created-at'], `${p}.revision.created-at`);
    int(obj(rev.download, `${p}.revision.download`).size, `${p}.revision.download.size`);
    arr(rev.bases, `${p}.revision.bases`).forEach((b, i) => decodeBase(b, `${p}.revision.bases[${i}]`));
    for (const k of ['metadata-yaml', 'config-yaml', 'bundle-yaml']) str(rev[k], `${p}.revision.${k}`);
  };
  release(doc['default-release'], `${path}.default-release`);
  arr(doc['channel-map'], `${path}.channel-map`).forEach((c, i) => release(c, `${path}.channel-map[${i}]`));
}

async function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  const zf = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const entries: yauzl.Entry[] = await new Promise((resolve, reject) => {
    const all: yauzl.Entry[] = [];
    zf.on('entry', (e: yauzl.Entry) => {
      all.push(e);
      zf.readEntry();
    });
    zf.on('end', () => resolve(all));
    zf.on('error', reject);
    zf.readEntry();
  });
  const out = new Map<string, Buffer>();
  for (const entry of entries) {
    if (entry.fileName.endsWith('/')) continue;
    const chunks: Buffer[] = [];
    for await (const c of await zf.openReadStreamPromise(entry)) chunks.push(c as Buffer);
    out.set(entry.fileName, Buffer.concat(chunks));
  }
  return out;
}

/**
 * An undici Agent that sends every https://NAME connection to one TLS door (address:port), with
 * SNI and certificate checks still on NAME and only `ca` trusted: the real URLs, an in-process door.
 */
export function doorAgent(door: { address: string; port: number; ca: string }): Agent {
  return new Agent({
    connect: (opts, cb) => {
      const socket = tlsConnect({ host: door.address, port: door.port, servername: opts.hostname, ca: door.ca, ALPNProtocols: ['http/1.1'] });
      socket.once('secureConnect', () => cb(null, socket));
      socket.once('error', (err) => cb(err, null));
    },
  });
}

/** An undici Agent that resolves every name to one address (a world without its DNS). */
export function pinnedAgent(address: string): Agent {
  return new Agent({ connect: { lookup: (_host, _opts, cb) => cb(null, [{ address, family: address.includes(':') ? 6 : 4 }]) } });
}
