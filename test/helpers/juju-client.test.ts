// The strict client against a tiny server that answers what the test says: it must reject every
// reply Juju's Go client would reject, and accept the well-formed ones.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { goQuery, JujuClient, normaliseChannel, type Download } from './juju-client.js';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let server: Server | undefined;
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];

async function serve(handler: Handler): Promise<JujuClient> {
  seen.length = 0;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return new JujuClient({ connectTo: `http://127.0.0.1:${port}` });
}
async function close(): Promise<void> {
  const s = server;
  server = undefined;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((r) => s.close(r));
}
afterEach(close);

const json = (res: ServerResponse, status: number, doc: unknown, ct = 'application/json') => {
  res.writeHead(status, { 'content-type': ct });
  res.end(JSON.stringify(doc));
};
const blob = Buffer.from('charm bytes');
const sha = (alg: string, b: Buffer) => createHash(alg).update(b).digest('hex');
const ID = 'a'.repeat(32);
const dl = (b = blob): Download => ({ url: `https://api.charmhub.io/api/v1/charms/download/${ID}_1.charm`, size: b.length, 'hash-sha-256': sha('sha256', b), 'hash-sha-384': sha('sha384', b) });
const charm = (over: Record<string, unknown> = {}) => ({ type: 'charm', id: ID, name: 'pg', revision: 1, version: '1', publisher: { 'display-name': 'Canonical' }, 'created-at': '2025-03-01T09:00:00+00:00', bases: [{ architecture: 'amd64', name: 'ubuntu', channel: '22.04' }], download: dl(), resources: [], 'metadata-yaml': 'name: pg\n', 'config-yaml': '', ...over });
const keyOf = (body: string, i = 0): string => (JSON.parse(body) as { actions: { 'instance-key': string }[] }).actions[i]!['instance-key'];
const ok = (body: string, over: Record<string, unknown> = {}, charmOver: Record<string, unknown> = {}) => ({ 'error-list': [], results: [{ result: 'install', 'instance-key': keyOf(body), id: ID, name: 'pg', 'effective-channel': 'latest/stable', 'released-at': '2025-03-04T10:11:12.000000+00:00', charm: charm(charmOver), ...over }] });

describe('JujuClient strictness', () => {
  it('sends what Juju sends and accepts a well-formed install', async () => {
    const c = await serve((_req, body, res) => json(res, 200, ok(body)));
    const { result, attempts } = await c.deployByChannel('pg', 'stable');
    expect([result.charm?.revision, attempts.length]).toEqual([1, 1]);
    const req = seen[0]!;
    expect([req.method, req.url, req.headers.host, req.headers['content-type'], req.headers.accept, req.headers['user-agent']]).toEqual(['POST', '/v2/charms/refresh', 'api.charmhub.io', 'application/json', 'application/json', 'Juju/3.6.10']);
    expect(JSON.parse(req.body)).toMatchObject({ context: [], actions: [{ action: 'install', name: 'pg', channel: 'stable', base: { name: 'NA', channel: 'NA' } }] });
  });

  it('rejects a 4xx whose Content-Type carries a charset, and any 5xx', async () => {
    let c = await serve((_req, _b, res) => json(res, 404, { 'error-list': [{ code: 'not-found', message: 'no' }] }, 'application/json; charset=utf-8'));
    await expect(c.info('pg')).rejects.toMatchObject({ kind: 'content-type' });
    await close();
    c = await serve((_req, _b, res) => json(res, 404, { 'error-list': [{ code: 'not-found', message: 'no such charm' }] }));
    await expect(c.info('pg')).rejects.toMatchObject({ kind: 'not-found', message: 'no such charm' });
    await close();
    c = await serve((_req, _b, res) => json(res, 500, {}));
    await expect(c.info('pg')).rejects.toMatchObject({ kind: 'server-error' });
  });

  it.each([
    ['an empty released-at', { 'released-at': '' }, {}],
    ['a non-RFC 3339 created-at', {}, { 'created-at': '2025-03-01 09:00:00' }],
    ['a boolean publisher value', {}, { publisher: { 'display-name': 'C', verified: true } }],
    ['a fractional revision', {}, { revision: 1.5 }],
    ['a string size', {}, { download: { ...dl(), size: '11' } }],
    ['an unknown type', {}, { type: 'snap' }],
    ['a resource with a sha256 as fingerprint', {}, { resources: [{ name: 'r', type: 'file', revision: 1, download: { ...dl(), 'hash-sha-384': 'a'.repeat(64) } }] }],
    ['no metadata-yaml', {}, { 'metadata-yaml': '' }],
  ])('rejects %s', async (_what, over, charmOver) => {
    const c = await serve((_req, body, res) => json(res, 200, ok(body, over, charmOver)));
    await expect(c.deployByChannel('pg', 'stable')).rejects.toThrow();
  });

  it('needs exactly one result per instance-key', async () => {
    let c = await serve((_req, body, res) => json(res, 200, { results: [...ok(body).results, ...ok(body).results] }));
    await expect(c.deployByRevision('pg', 1)).rejects.toThrow(/more than 1 result/);
    await close();
    c = await serve((_req, _body, res) => json(res, 200, { results: [] }));
    await expect(c.deployByRevision('pg', 1)).rejects.toThrow(/missing response/);
    await close();
    c = await serve((_req, body, res) => json(res, 200, ok(body, { 'instance-key': 'other' })));
    await expect(c.deployByRevision('pg', 1)).rejects.toThrow(/not valid/);
  });

  it('retries invalid-charm-base with the first default base of its architecture; revision-not-found is terminal', async () => {
    const c = await serve((_req, body, res) => {
      const action = (JSON.parse(body) as { actions: { base: { name: string; channel: string } }[] }).actions[0]!;
      if (action.base.name === 'NA') {
        json(res, 200, { results: [{ result: 'error', 'instance-key': keyOf(body), name: 'pg', error: { code: 'invalid-charm-base', message: 'Invalid base', extra: { 'default-bases': [{ architecture: 'arm64', name: 'ubuntu', channel: '24.04' }, { architecture: 'amd64', name: 'ubuntu', channel: '22.04' }] } } }] });
      } else json(res, 200, ok(body));
    });
    const { attempts } = await c.deployByChannel('pg', 'stable');
    expect(attempts.map((a) => a.result)).toEqual(['error', 'install']);
    expect(JSON.parse(seen[1]!.body).actions[0].base).toEqual({ architecture: 'amd64', name: 'ubuntu', channel: '22.04' });
    await close();
    const c2 = await serve((_req, body, res) => json(res, 200, { results: [{ result: 'error', 'instance-key': keyOf(body), name: 'pg', error: { code: 'revision-not-found', message: 'x', extra: { releases: [{ base: { architecture: 'amd64', name: 'ubuntu', channel: '22.04' }, channel: '14/stable' }] } } }] }));
    await expect(c2.deployByChannel('pg', '15/stable')).rejects.toThrow(/available releases are: 14\/stable ubuntu@22.04\/amd64/);
    expect(seen).toHaveLength(1);
    await close();
    const c3 = await serve((_req, body, res) => json(res, 200, { results: [{ result: 'error', 'instance-key': keyOf(body), name: 'pg', error: { code: 'revision-not-found', message: 'x', extra: { releases: [] } } }] }));
    await expect(c3.deployByChannel('pg', '15/stable')).rejects.toThrow(/no releases available/);
  });

  it('an error on the invalid-charm-base retry is reported bare, without the releases (as Juju does)', async () => {
    const c = await serve((_req, body, res) => {
      const action = (JSON.parse(body) as { actions: { base: { name: string } }[] }).actions[0]!;
      const error = action.base.name === 'NA'
        ? { code: 'invalid-charm-base', message: 'Invalid base', extra: { 'default-bases': [{ architecture: 'amd64', name: 'ubuntu', channel: '22.04' }] } }
        : { code: 'revision-not-found', message: 'No revision was found in the Store.', extra: { releases: [{ base: { architecture: 'amd64', name: 'ubuntu', channel: '22.04' }, channel: '14/stable' }] } };
      json(res, 200, { results: [{ result: 'error', 'instance-key': keyOf(body), name: 'pg', error }] });
    });
    const err = await c.deployByChannel('pg', '15/stable').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'resolve', message: 'resolving retry error: No revision was found in the Store.' });
    expect(seen).toHaveLength(2);
  });

  it('juju download: a concrete base, never NA; one retry with a release of exactly the channel sent; the archive sha256 checked', async () => {
    const jammyBase = { architecture: 'amd64', name: 'ubuntu', channel: '22.04' };
    const releases = [{ base: jammyBase, channel: 'stable' }, { base: { ...jammyBase, channel: '20.04' }, channel: '2/stable' }];
    const c = await serve((req, body, res) => {
      if (req.method === 'GET') return void res.writeHead(200, { 'content-length': blob.length }).end(blob);
      const action = (JSON.parse(body) as { actions: { base: { channel: string } }[] }).actions[0]!;
      if (action.base.channel === '22.04') json(res, 200, ok(body));
      else json(res, 200, { results: [{ result: 'error', 'instance-key': keyOf(body), name: 'pg', error: { code: 'revision-not-found', message: 'x', extra: { releases } } }] });
    });
    const { attempts, archive } = await c.downloadCharm('pg');
    expect([attempts.length, archive]).toEqual([2, blob]);
    expect(JSON.parse(seen[0]!.body).actions[0]).toMatchObject({ channel: 'stable', base: { architecture: 'amd64', name: 'ubuntu', channel: '24.04' } });
    expect(JSON.parse(seen[1]!.body).actions[0].base).toEqual(jammyBase);
    await expect(c.downloadCharm('pg', { channel: 'latest/stable' })).rejects.toThrow(/has no releases in channel "latest\/stable"/);
    expect(normaliseChannel('latest')).toBe('latest/stable');
    expect(normaliseChannel('edge')).toBe('edge');
  });

  it('downloads: 200 with Content-Length and both digests, nothing else', async () => {
    const modes: Record<string, (res: ServerResponse) => void> = {
      good: (res) => res.writeHead(200, { 'content-length': blob.length }).end(blob),
      chunked: (res) => res.writeHead(200, { 'transfer-encoding': 'chunked' }).end(blob),
      gzip: (res) => {
        const z = gzipSync(blob);
        res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': z.length }).end(z);
      },
      redirect: (res) => res.writeHead(302, { location: 'https://cdn.example/x' }).end(),
      other: (res) => res.writeHead(200, { 'content-length': 11 }).end(Buffer.from('other bytes')),
    };
    let mode = 'good';
    const c = await serve((_req, _b, res) => modes[mode]!(res));
    expect(await c.download(dl())).toEqual(blob);
    expect(seen[0]!.url).toBe(`/api/v1/charms/download/${ID}_1.charm`);
    for (mode of ['chunked', 'gzip', 'redirect', 'other']) await expect(c.download(dl()), mode).rejects.toMatchObject({ kind: 'download' });
  });

  it('encodes queries as Go url.Values does', () => {
    expect(goQuery({ q: '', fields: 'a,b', channel: '14/stable' })).toBe('channel=14%2Fstable&fields=a%2Cb');
  });
});
