// A stand-in for api.charmhub.io written from the spec (shared/specs/charmhub.md §2–§4, §6, §7), not
// from the appliance's code: GET /v2/charms/info/NAME, GET /v2/charms/find, POST /v2/charms/refresh
// (install by channel or revision, download by name or id, refresh by id joined to its context;
// `NA` bases answered with invalid-charm-base + default-bases, missing channels with
// revision-not-found + releases; metrics-only requests), GET /v2/charms/resources/C/R/revisions,
// and blobs under /api/v1/…/download/ that redirect to a CDN name as the real store does. Every
// JSON answer has `Content-Type: application/json` exactly. It records every request and serves
// plain HTTP or HTTPS. Charm and bundle archives are real zips (charmZip, bundleZip).
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ZipFile } from 'yazl';
import { RecordingServer } from './recording-server.js';

export interface Base {
  architecture: string;
  name: string;
  channel: string;
}

export interface FakeResourceRevision {
  name: string;
  type: 'file' | 'oci-image';
  revision: number;
  filename: string;
  description?: string;
  blob: Buffer;
}

export interface FakeCharmRevision {
  revision: number;
  version: string;
  bases: Base[];
  archive: Buffer;
  /** Resource revisions attached to this charm revision when released. */
  resources?: { name: string; revision: number }[];
  createdAt?: string;
}

export interface FakeRelease {
  /** track/risk */
  channel: string;
  base: Base;
  revision: number;
  releasedAt?: string;
}

export interface FakeCharm {
  name: string;
  id: string;
  type?: 'charm' | 'bundle';
  defaultTrack?: string;
  summary?: string;
  revisions: FakeCharmRevision[];
  resources?: FakeResourceRevision[];
  releases: FakeRelease[];
}

export type { SeenRequest } from './recording-server.js';

const RISKS = ['stable', 'candidate', 'beta', 'edge'];
export const ALL_BASE: Base = { architecture: 'all', name: 'all', channel: 'all' };
const PUBLISHER = { 'display-name': 'Fake Publisher', id: 'fakepublisherid0000000000000000a', username: 'fake', validation: 'unproven' };

export const sha = (alg: string, b: Buffer): string => createHash(alg).update(b).digest('hex');

/** A zip built with deterministic times, so the same entries make the same bytes. */
export function zipOf(entries: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, data] of Object.entries(entries)) zip.addBuffer(Buffer.isBuffer(data) ? data : Buffer.from(data), name, { mtime: new Date(Date.UTC(2024, 0, 2)), mode: 0o644 });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

/** A charm archive as charmcraft packs one: metadata.yaml, manifest.yaml with bases, and extras. */
export function charmZip(name: string, bases: Base[], extra: Record<string, string> = {}): Promise<Buffer> {
  const manifest = `charmcraft-version: 3.0.0\nanalysis:\n  attributes: []\nbases:\n${bases.map((b) => `- name: ${b.name}\n  channel: '${b.channel}'\n  architectures:\n  - ${b.architecture}\n`).join('')}`;
  return zipOf({ 'metadata.yaml': `name: ${name}\nsummary: ${name} charm\ndescription: ${name}\n`, 'manifest.yaml': manifest, 'config.yaml': 'options: {}\n', 'README.md': `# ${name}\n`, ...extra });
}

/** A bundle archive: bundle.yaml naming its applications' charms, and the README.md Juju requires. */
export function bundleZip(name: string, apps: Record<string, { charm: string; channel?: string; revision?: number; base?: string; resources?: Record<string, number> }>): Promise<Buffer> {
  const lines = [`name: ${name}`, 'applications:'];
  for (const [app, a] of Object.entries(apps)) {
    lines.push(`  ${app}:`, `    charm: ${a.charm}`);
    if (a.channel) lines.push(`    channel: ${a.channel}`);
    if (a.revision !== undefined) lines.push(`    revision: ${a.revision}`);
    if (a.base) lines.push(`    base: ${a.base}`);
    if (a.resources) lines.push('    resources:', ...Object.entries(a.resources).map(([r, n]) => `      ${r}: ${n}`));
    lines.push('    num_units: 1');
  }
  return zipOf({ 'bundle.yaml': lines.join('\n') + '\n', 'README.md': `# ${name}\n` });
}

export class FakeCharmhub extends RecordingServer {
  /** Blob downloads under api/v1 redirect here (scheme://host[:port]); unset, blobs are served directly. */
  cdn: string | undefined;
  /** The store's public URL, put in download URLs. */
  publicUrl = 'https://api.charmhub.io';
  /** Make the refresh endpoint answer this status (a broken store). */
  failRefresh: number | undefined;
  /** Replace a blob's bytes as served (a corrupted CDN), by URL path suffix. */
  readonly tamper = new Map<string, Buffer>();

  constructor(readonly charms: FakeCharm[]) {
    super();
  }

  protected handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (status: number, doc: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(doc));
    const notFound = (code: string, message: string) => json(404, { 'error-list': [{ code, message }] });
    if (req.method === 'POST' && url.pathname === '/v2/charms/refresh') {
      if (this.failRefresh) return void res.writeHead(this.failRefresh, { 'content-type': 'application/json' }).end('{}');
      let doc: RefreshBody;
      try {
        doc = JSON.parse(body) as RefreshBody;
      } catch {
        return json(400, { 'error-list': [{ code: 'bad-argument', message: 'body is not JSON' }] });
      }
      if (!Array.isArray(doc.context) || !Array.isArray(doc.actions)) return json(400, { 'error-list': [{ code: 'bad-argument', message: 'context and actions are required' }] });
      return json(200, { 'error-list': [], results: doc.actions.map((a) => this.action(a, doc.context!)) });
    }
    const info = /^\/v2\/charms\/info\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && info) {
      const c = this.charms.find((x) => x.name === info[1]);
      if (!c) return notFound('not-found', 'No charm or bundle with name ' + info[1]);
      return json(200, this.info(c, url.searchParams.get('channel') ?? undefined));
    }
    if (req.method === 'GET' && url.pathname === '/v2/charms/find') {
      const q = url.searchParams.get('q') ?? '';
      return json(200, { 'error-list': [], results: this.charms.filter((c) => c.name.includes(q)).map((c) => ({ type: c.type ?? 'charm', id: c.id, name: c.name, result: this.result(c), 'default-release': this.defaultRelease(c) })) });
    }
    const resRevs = /^\/v2\/charms\/resources\/([^/]+)\/([^/]+)\/revisions$/.exec(url.pathname);
    if (req.method === 'GET' && resRevs) {
      const c = this.charms.find((x) => x.name === resRevs[1]);
      const list = (c?.resources ?? []).filter((r) => r.name === resRevs[2]).sort((a, b) => b.revision - a.revision);
      if (!c || list.length === 0) return notFound('not-found', 'resource not found');
      return json(200, { revisions: list.map((r) => this.resourceJson(c, r)) });
    }
    const charmBlob = /^\/(?:api\/v1\/charms\/download|download-origin\/charms)\/([A-Za-z0-9]{32})_(\d+)\.charm$/.exec(url.pathname);
    if (charmBlob) {
      const rev = this.charms.find((c) => c.id === charmBlob[1])?.revisions.find((r) => r.revision === Number(charmBlob[2]));
      return this.blob(req, res, rev?.archive, url.pathname);
    }
    const resBlob = /^\/(?:api\/v1\/resources\/download|download-origin\/resources)\/charm_([A-Za-z0-9]{32})\.([a-z0-9-]+)_(\d+)$/.exec(url.pathname);
    if (resBlob) {
      const r = this.charms.find((c) => c.id === resBlob[1])?.resources?.find((x) => x.name === resBlob[2] && x.revision === Number(resBlob[3]));
      return this.blob(req, res, r?.blob, url.pathname);
    }
    notFound('not-found', 'no such endpoint');
  }

  private blob(req: IncomingMessage, res: ServerResponse, bytes: Buffer | undefined, path: string): void {
    if (!bytes) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error-list":[{"code":"not-found","message":"not found"}]}');
    if (path.startsWith('/api/v1/') && this.cdn) {
      const rest = path.replace('/api/v1/charms/download/', '/download-origin/charms/').replace('/api/v1/resources/download/', '/download-origin/resources/');
      return void res.writeHead(302, { location: `${this.cdn}${rest}?token=t` }).end();
    }
    const served = [...this.tamper].find(([suffix]) => path.endsWith(suffix))?.[1] ?? bytes;
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(served.length) }).end(req.method === 'HEAD' ? undefined : served);
  }

  private defaultTrack(c: FakeCharm): string {
    return c.defaultTrack ?? 'latest';
  }

  /** track/risk of a requested channel: a bare risk is on the default track, a bare track is its stable risk. */
  private channelOf(c: FakeCharm, ch: string): { track: string; risk: string } | undefined {
    const parts = ch.split('/');
    if (parts.length === 1) return RISKS.includes(parts[0]!) ? { track: this.defaultTrack(c), risk: parts[0]! } : { track: parts[0]!, risk: 'stable' };
    if (!RISKS.includes(parts[1]!)) return undefined;
    return { track: parts[0]!, risk: parts[1]! };
  }

  private baseMatches(c: FakeCharm, rel: FakeRelease, base: Base): boolean {
    if ((c.type ?? 'charm') === 'bundle') return true;
    return rel.base.architecture === base.architecture && rel.base.name === base.name && rel.base.channel === base.channel.replace(/\/.*$/, '');
  }

  /** The release a channel resolves to for a base, closed risks falling back (edge → beta → candidate → stable). */
  private resolve(c: FakeCharm, ch: { track: string; risk: string }, base: Base): FakeRelease | undefined {
    for (let i = RISKS.indexOf(ch.risk); i >= 0; i--) {
      const hit = c.releases.find((r) => r.channel === `${ch.track}/${RISKS[i]}` && this.baseMatches(c, r, base));
      if (hit) return hit;
    }
    return undefined;
  }

  private action(a: RefreshAction, context: RefreshContext[]): unknown {
    const key = a['instance-key'];
    const c = a.id ? this.charms.find((x) => x.id === a.id) : this.charms.find((x) => x.name === a.name);
    const err = (code: string, message: string, extra?: unknown) => ({ result: 'error', 'instance-key': key, ...(c ? { id: c.id, name: c.name } : { name: a.name ?? '' }), error: { code, message, ...(extra ? { extra } : {}) } });
    if (!c) return err(a.id ? 'id-not-found' : 'name-not-found', 'The Charm with the given name was not found in the Store.');
    const type = c.type ?? 'charm';
    if (a.action === 'refresh') {
      const cur = context.find((x) => x['instance-key'] === key);
      if (!cur) return err('missing-context', 'no context for this instance-key');
      const ch = this.channelOf(c, cur['tracking-channel'] ?? 'stable');
      const rel = ch && this.resolve(c, ch, cur.base);
      if (!rel) return err('revision-not-found', 'No revision was found in the Store.', { releases: this.releases(c) });
      return this.entity(c, 'refresh', key, rel.revision, rel, 'channel');
    }
    if (a.revision !== undefined && a.revision !== null) {
      const rev = c.revisions.find((r) => r.revision === a.revision);
      if (!rev) return err('revision-not-found', 'No revision was found in the Store.', { releases: this.releases(c) });
      return this.entity(c, a.action, key, rev.revision, undefined, a['resource-revisions'] ?? []);
    }
    const base = a.base ?? undefined;
    const ch = this.channelOf(c, a.channel ?? 'stable');
    if (!ch) return err('invalid-channel', `Invalid channel ${a.channel ?? ''}`);
    if (type === 'charm' && (!base || base.name === 'NA' || base.channel === 'NA')) {
      // The bases of the channel asked (closed risks following the next more stable one); a
      // channel with nothing for the architecture is revision-not-found, not a base to retry with.
      const arch = base?.architecture ?? 'amd64';
      const open = RISKS.slice(0, RISKS.indexOf(ch.risk) + 1).map((r) => `${ch.track}/${r}`);
      const inChannel = c.releases.filter((r) => r.base.architecture === arch && open.includes(r.channel));
      if (inChannel.length === 0) return err('revision-not-found', 'No revision was found in the Store.', { releases: this.releases(c) });
      const bases = [...new Map(inChannel.map((r) => [`${r.base.name}@${r.base.channel}`, r.base])).values()].sort((x, y) => y.channel.localeCompare(x.channel, undefined, { numeric: true }));
      return err('invalid-charm-base', 'Invalid base', { 'default-bases': bases });
    }
    const rel = this.resolve(c, ch, base ?? ALL_BASE);
    if (!rel) return err('revision-not-found', 'No revision was found in the Store.', { releases: this.releases(c) });
    return this.entity(c, a.action, key, rel.revision, rel, 'channel');
  }

  private releases(c: FakeCharm) {
    return c.releases.map((r) => ({ base: r.base, channel: r.channel }));
  }

  private entity(c: FakeCharm, result: string, key: string, revision: number, rel: FakeRelease | undefined, resources: 'channel' | { name: string; revision: number }[]) {
    const rev = c.revisions.find((r) => r.revision === revision)!;
    const picked = resources === 'channel' ? (rev.resources ?? []) : resources;
    const res = picked.map((p) => c.resources?.find((r) => r.name === p.name && r.revision === p.revision)).filter((r): r is FakeResourceRevision => r !== undefined);
    const meta = `name: ${c.name}\nsummary: ${c.summary ?? c.name}\n`;
    return {
      result,
      'instance-key': key,
      id: c.id,
      name: c.name,
      ...(rel ? { 'effective-channel': rel.channel, 'released-at': rel.releasedAt ?? '2024-03-04T05:06:07.123456+00:00' } : {}),
      charm: {
        type: c.type ?? 'charm',
        id: c.id,
        name: c.name,
        revision: rev.revision,
        version: rev.version,
        summary: c.summary ?? '',
        license: 'Apache-2.0',
        publisher: PUBLISHER,
        'created-at': rev.createdAt ?? '2024-03-01T00:00:00+00:00',
        bases: (c.type ?? 'charm') === 'bundle' ? [ALL_BASE] : rev.bases,
        download: { url: `${this.publicUrl}/api/v1/charms/download/${c.id}_${rev.revision}.charm`, size: rev.archive.length, 'hash-sha-256': sha('sha256', rev.archive), 'hash-sha-384': sha('sha384', rev.archive) },
        resources: res.map((r) => this.resourceJson(c, r)),
        'metadata-yaml': meta,
        'config-yaml': 'options: {}\n',
      },
    };
  }

  private resourceJson(c: FakeCharm, r: FakeResourceRevision) {
    return {
      name: r.name,
      type: r.type,
      revision: r.revision,
      filename: r.filename,
      description: r.description ?? '',
      'created-at': '2024-02-01T00:00:00+00:00',
      download: { url: `${this.publicUrl}/api/v1/resources/download/charm_${c.id}.${r.name}_${r.revision}`, size: r.blob.length, 'hash-sha-256': sha('sha256', r.blob), 'hash-sha-384': sha('sha384', r.blob), 'hash-sha-512': sha('sha512', r.blob), 'hash-sha3-384': sha('sha3-384', r.blob) },
    };
  }

  private channelJson(c: FakeCharm, rel: FakeRelease) {
    const [track, risk] = rel.channel.split('/') as [string, string];
    return { name: rel.channel, track, risk, 'released-at': rel.releasedAt ?? '2024-03-04T05:06:07.123456+00:00', base: rel.base };
  }

  private revisionJson(c: FakeCharm, rel: FakeRelease) {
    const rev = c.revisions.find((r) => r.revision === rel.revision)!;
    return { revision: rev.revision, version: rev.version, 'created-at': rev.createdAt ?? '2024-03-01T00:00:00+00:00', bases: (c.type ?? 'charm') === 'bundle' ? [ALL_BASE] : rev.bases, download: { size: rev.archive.length }, 'metadata-yaml': `name: ${c.name}\n`, 'config-yaml': 'options: {}\n' };
  }

  private result(c: FakeCharm) {
    return { summary: c.summary ?? '', description: c.summary ?? '', license: 'Apache-2.0', publisher: { 'display-name': PUBLISHER['display-name'] }, categories: [{ featured: false, name: 'other' }], 'store-url': `https://charmhub.io/${c.name}` };
  }

  private defaultRelease(c: FakeCharm) {
    const rel = c.releases.find((r) => r.channel === `${this.defaultTrack(c)}/stable`) ?? c.releases[0];
    return rel ? { channel: this.channelJson(c, rel), revision: this.revisionJson(c, rel) } : undefined;
  }

  private info(c: FakeCharm, channel: string | undefined) {
    const ch = channel ? this.channelOf(c, channel) : undefined;
    const map = c.releases.filter((r) => !ch || r.channel === `${ch.track}/${ch.risk}`);
    return { type: c.type ?? 'charm', id: c.id, name: c.name, result: this.result(c), 'default-release': this.defaultRelease(c), 'channel-map': map.map((r) => ({ channel: this.channelJson(c, r), revision: this.revisionJson(c, r) })) };
  }
}

interface RefreshContext {
  'instance-key': string;
  id: string;
  revision: number;
  base: Base;
  'tracking-channel'?: string;
}

interface RefreshAction {
  action: 'install' | 'download' | 'refresh';
  'instance-key': string;
  id?: string;
  name?: string;
  channel?: string;
  revision?: number | null;
  base?: Base | null;
  'resource-revisions'?: { name: string; revision: number }[];
}

interface RefreshBody {
  context?: RefreshContext[];
  actions?: RefreshAction[];
}
