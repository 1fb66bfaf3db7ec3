// A stand-in for api.snapcraft.io written from the spec (shared/specs/snap-store.md §3–§8), not from
// the appliance's code: POST /v2/snaps/refresh (install, download, refresh), GET /v2/snaps/info,
// GET /v2/assertions/… (max-format respected), and blobs that redirect to a CDN name, as the real
// store does, where Range gets a 206. It records every request, and serves plain HTTP or HTTPS.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RecordingServer } from './recording-server.js';

export interface FakeRevision {
  revision: number;
  architectures: string[];
  blob: Buffer;
  version: string;
  type?: string;
  base?: string | null;
  confinement?: string;
  snapYaml?: string;
}

export interface FakeSnap {
  name: string;
  id: string;
  defaultTrack?: string;
  summary?: string;
  publisher?: { id: string; username: string; 'display-name': string; validation: string };
  revisions: FakeRevision[];
  /** [arch, "track/risk", revision] */
  channels: [string, string, number][];
}

export type { SeenRequest } from './recording-server.js';

const risks = ['stable', 'candidate', 'beta', 'edge'];

export class FakeSnapStore extends RecordingServer {
  /** Assertions by path (`/v2/assertions/TYPE/KEY…`): their encoded bytes and format. */
  readonly assertions = new Map<string, { bytes: Buffer; format: number }>();
  /** Blob downloads redirect here (scheme://host[:port]); unset, blobs are served directly. */
  cdn: string | undefined;
  /** Make the refresh endpoint answer this status instead (a broken store). */
  failRefresh: number | undefined;

  constructor(readonly snaps: FakeSnap[]) {
    super();
  }

  addAssertion(path: string, bytes: Buffer): this {
    const format = Number(/^format: (\d+)$/m.exec(bytes.toString('utf8').split('\n\n')[0]!)?.[1] ?? 0);
    this.assertions.set(path, { bytes, format });
    return this;
  }

  protected handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (status: number, doc: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json', 'snap-store-version': '61' }).end(JSON.stringify(doc));
    };
    if (req.method === 'POST' && url.pathname === '/v2/snaps/refresh') {
      if (this.failRefresh) return void res.writeHead(this.failRefresh).end();
      return json(200, this.refresh(JSON.parse(body) as RefreshBody, String(req.headers['snap-device-architecture'] ?? 'amd64')));
    }
    const info = /^\/v2\/snaps\/info\/([^/]+)$/.exec(url.pathname);
    if (info) return this.info(info[1]!, url.searchParams.get('architecture'), json);
    if (url.pathname.startsWith('/v2/assertions/')) {
      const a = this.assertions.get(url.pathname);
      const max = Number(url.searchParams.get('max-format') ?? 0);
      if (!a || a.format > max) return json(404, { 'error-list': [{ code: 'not-found', message: 'not found' }] });
      return void res.writeHead(200, { 'content-type': 'application/x.ubuntu.assertion' }).end(a.bytes);
    }
    const blob = /\/([A-Za-z0-9]{32})_(\d+)\.snap$/.exec(url.pathname);
    if (blob) return this.blob(req, res, blob[1]!, Number(blob[2]), url.pathname.startsWith('/api/v1/snaps/download/'));
    json(404, { 'error-list': [{ code: 'resource-not-found', message: 'no such endpoint' }] });
  }

  private blob(req: IncomingMessage, res: ServerResponse, id: string, revision: number, api: boolean): void {
    const rev = this.snaps.find((s) => s.id === id)?.revisions.find((r) => r.revision === revision);
    if (!rev) return void res.writeHead(404).end();
    if (api && this.cdn) return void res.writeHead(302, { location: `${this.cdn}/download-origin/canonical-lgw01/${id}_${revision}.snap?interactive=1&token=t` }).end();
    const m = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
    const start = m ? Number(m[1]) : 0;
    const part = rev.blob.subarray(start);
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream', 'content-length': String(part.length) };
    if (m) headers['content-range'] = `bytes ${start}-${rev.blob.length - 1}/${rev.blob.length}`;
    res.writeHead(m ? 206 : 200, headers).end(req.method === 'HEAD' ? undefined : part);
  }

  private info(name: string, arch: string | null, json: (status: number, doc: unknown) => void): void {
    const s = this.snaps.find((x) => x.name === name);
    if (!s) return json(404, { 'error-list': [{ code: 'resource-not-found', message: `No snap named '${name}' found in series '16'.` }] });
    const map = s.channels
      .filter(([a]) => !arch || a === arch)
      .map(([a, channel, revision]) => {
        const [track, risk] = channel.split('/') as [string, string];
        return { ...this.snapJson(s, s.revisions.find((r) => r.revision === revision)!), channel: { architecture: a, name: track === 'latest' ? risk : channel, track, risk, 'released-at': '2024-03-04T05:06:07Z' } };
      });
    json(200, { name: s.name, 'snap-id': s.id, snap: { name: s.name, 'snap-id': s.id, summary: s.summary ?? '', title: s.name, publisher: this.publisher(s), media: [{ type: 'icon', url: 'https://dashboard.snapcraft.io/site_media/icon.png' }] }, 'channel-map': map });
  }

  private refresh(body: RefreshBody, arch: string): unknown {
    const results = [];
    for (const a of body.actions ?? []) {
      if (a.action === 'fetch-assertions') continue;
      const s = a.action === 'refresh' ? this.snaps.find((x) => x.id === a['snap-id']) : this.snaps.find((x) => x.name === a.name);
      const cur = (body.context ?? []).find((c) => c['instance-key'] === a['instance-key']);
      const base = { 'instance-key': a['instance-key'], name: a.name ?? s?.name ?? '' };
      if (!s) {
        results.push({ ...base, result: 'error', 'snap-id': a['snap-id'] ?? null, error: { code: a.action === 'refresh' ? 'id-not-found' : 'name-not-found', message: 'not found' } });
        continue;
      }
      const track = s.defaultTrack ?? 'latest';
      let rev: FakeRevision | undefined;
      let effective: string | undefined;
      if (a.revision) {
        rev = s.revisions.find((r) => r.revision === a.revision && (r.architectures.includes(arch) || r.architectures.includes('all')));
      } else {
        const asked = (a.channel ?? cur?.['tracking-channel'] ?? 'stable').split('/');
        const [t, r] = asked.length === 1 ? (risks.includes(asked[0]!) ? [track, asked[0]!] : [asked[0]!, 'stable']) : [asked[0]!, asked[1]!];
        for (let i = risks.indexOf(r); i >= 0 && !rev; i--) {
          const hit = s.channels.find(([ca, ch]) => ca === arch && ch === `${t}/${risks[i]}`);
          if (hit) {
            rev = s.revisions.find((x) => x.revision === hit[2]);
            effective = `${t}/${r}`;
          }
        }
      }
      if (!rev) {
        results.push({ ...base, result: 'error', 'snap-id': s.id, name: s.name, error: { code: 'revision-not-found', message: 'no revision', extra: { releases: s.channels.map(([ca, ch]) => ({ architecture: ca, channel: ch })) } } });
        continue;
      }
      results.push({ ...base, result: a.action, 'snap-id': s.id, name: s.name, ...(effective ? { 'effective-channel': effective } : {}), snap: this.snapJson(s, rev) });
    }
    return { results, 'error-list': [] };
  }

  private publisher(s: FakeSnap) {
    return s.publisher ?? { id: 'publisherid0000000000000000000000', username: 'pub', 'display-name': 'Publisher', validation: 'unproven' };
  }

  private snapJson(s: FakeSnap, r: FakeRevision) {
    return {
      name: s.name,
      'snap-id': s.id,
      revision: r.revision,
      version: r.version,
      type: r.type ?? 'app',
      base: r.base === undefined ? 'core22' : r.base,
      confinement: r.confinement ?? 'strict',
      architectures: r.architectures,
      epoch: { read: [0], write: [0] },
      publisher: this.publisher(s),
      summary: s.summary ?? '',
      'snap-yaml': r.snapYaml ?? `name: ${s.name}\nversion: '${r.version}'\n`,
      media: [{ type: 'icon', url: 'https://dashboard.snapcraft.io/site_media/icon.png' }],
      download: { url: `https://api.snapcraft.io/api/v1/snaps/download/${s.id}_${r.revision}.snap`, size: r.blob.length, 'sha3-384': createHash('sha3-384').update(r.blob).digest('hex'), deltas: [] },
    };
  }
}

interface RefreshBody {
  context?: { 'snap-id': string; 'instance-key': string; revision: number; 'tracking-channel'?: string }[];
  actions?: { action: string; 'instance-key': string; name?: string; 'snap-id'?: string; channel?: string; revision?: number }[];
}
