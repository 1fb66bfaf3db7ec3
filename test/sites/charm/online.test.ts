import { describe, expect, it } from 'vitest';
import { charmSite } from '../../../src/sites/charm/charm-site.js';
import { infoFromUpstream, refreshFromUpstream, resourcesFromUpstream } from '../../../src/sites/charm/online.js';
import type { UpstreamReply } from '../../../src/sites/site.js';
import { digests, jammy, OCI_DOC, PG_ID } from '../../helpers/charm-records.js';
import { charmRequest, NS, parse, seeded } from './fixtures.js';

const ID = 'UmVkaXNSZWRpc1JlZGlzUmVkaXNSZWRp';
const up = (doc: unknown, status = 200, ct = 'application/json; charset=utf-8'): UpstreamReply => ({ status, headers: { 'content-type': ct }, body: Buffer.from(JSON.stringify(doc)) });
const d = digests(Buffer.from('x'));
const charm = { type: 'charm', id: ID, name: 'redis', revision: 21, version: '7', 'created-at': '2024-01-01T00:00:00Z', publisher: { 'display-name': 'P' }, summary: 'Redis', bases: [jammy], download: { url: `https://cdn.example/api/v1/charms/download/${ID}_21.charm`, ...d }, resources: [{ name: 'img', type: 'oci-image', revision: 2, filename: '', description: '', download: { url: `https://x/api/v1/resources/download/charm_${ID}.img_2`, ...d } }], 'metadata-yaml': 'name: redis\n' };
const paths = (keep: { path: string }[] | undefined) => (keep ?? []).map((k) => k.path).sort();

describe('charm answers from upstream (online)', () => {
  it('refresh: passed on as exactly application/json with URLs on our name, leaving name, id, revision, resource and channel records', async () => {
    const { ctx } = await seeded();
    const req = charmRequest('POST', '/v2/charms/refresh', { body: { context: [], actions: [{ action: 'install', 'instance-key': 'k', name: 'redis', channel: 'stable', base: { ...jammy, channel: '22.04/stable' } }] } });
    const { reply, keep } = await refreshFromUpstream(req, ctx, up({ 'error-list': [], results: [{ result: 'install', 'instance-key': 'k', 'effective-channel': '7/stable', 'released-at': '2024-02-02T00:00:00Z', charm }] }));
    expect(reply.headers).toEqual({ 'content-type': 'application/json' });
    const body = parse(reply.body);
    expect(body.results[0].charm.download.url).toBe(`https://api.charmhub.io/api/v1/charms/download/${ID}_21.charm`);
    expect(body.results[0].charm.resources[0].download.url).toBe(`https://api.charmhub.io/api/v1/resources/download/charm_${ID}.img_2`);
    expect(paths(keep)).toEqual([`/@charm/channels/redis/amd64/ubuntu/22.04/7/stable`, `/@charm/ids/${ID}`, '/@charm/names/redis', `/@charm/resources/${ID}/img/2`, `/@charm/revisions/${ID}/21`]);
    expect(JSON.parse(keep!.find((k) => k.path === '/@charm/names/redis')!.bytes.toString())).toMatchObject({ 'default-track': '7', result: { summary: 'Redis' } });
  });
  it('a bare-risk effective channel is recorded on the track asked', async () => {
    const { ctx } = await seeded();
    const req = charmRequest('POST', '/v2/charms/refresh', { body: { context: [], actions: [{ action: 'install', 'instance-key': 'k', name: 'redis', channel: 'latest/stable', base: jammy }] } });
    const { keep } = await refreshFromUpstream(req, ctx, up({ results: [{ result: 'install', 'instance-key': 'k', 'effective-channel': 'stable', charm }] }));
    expect(paths(keep)).toContain('/@charm/channels/redis/amd64/ubuntu/22.04/latest/stable');
  });

  it('records Juju could not decode are not kept; error answers and non-JSON pass through', async () => {
    const { ctx } = await seeded();
    const req = charmRequest('POST', '/v2/charms/refresh', { body: { context: [], actions: [{ action: 'install', 'instance-key': 'k', name: 'redis', revision: 21, base: null }] } });
    const { keep } = await refreshFromUpstream(req, ctx, up({ results: [{ result: 'install', 'instance-key': 'k', charm: { ...charm, 'created-at': '', download: { ...charm.download, size: 1.5 } } }] }));
    expect(paths(keep)).toEqual([`/@charm/ids/${ID}`, '/@charm/names/redis', `/@charm/resources/${ID}/img/2`]);
    const err = await refreshFromUpstream(req, ctx, up({ 'error-list': [{ code: 'bad-argument', message: 'm' }] }, 400));
    expect([err.reply.status, err.reply.headers, err.keep]).toEqual([400, { 'content-type': 'application/json' }, undefined]);
    const html = await infoFromUpstream(charmRequest('GET', '/v2/charms/info/x'), ctx, { status: 404, headers: { 'content-type': 'text/html' }, body: Buffer.from('<html>') });
    expect([html.reply.status, html.reply.headers, parse(html.reply.body)['error-list'][0].code]).toEqual([404, { 'content-type': 'application/json' }, 'not-found']);
  });
  it('info leaves the name record (default track of default-release, merged with what is known); resource listings their records', async () => {
    const { ctx } = await seeded();
    const info = await infoFromUpstream(charmRequest('GET', '/v2/charms/info/postgresql'), ctx, up({ type: 'charm', id: PG_ID, name: 'postgresql', result: { summary: 'new' }, 'default-release': { channel: { track: '16' } } }));
    expect(JSON.parse(info.keep![0]!.bytes.toString())).toMatchObject({ 'default-track': '16', result: { summary: 'new', license: 'Apache-2.0' } });
    const res = await resourcesFromUpstream(charmRequest('GET', '/v2/charms/resources/postgresql/pg-snap/revisions'), ctx, 'postgresql', up({ revisions: [{ name: 'pg-snap', type: 'file', revision: 14, filename: 'f', download: { url: `https://x/api/v1/resources/download/charm_${PG_ID}.pg-snap_14`, ...d } }] }));
    expect(paths(res.keep)).toEqual([`/@charm/resources/${PG_ID}/pg-snap/14`]);
    expect(parse(res.reply.body).revisions[0].download.url).toBe(`https://api.charmhub.io/api/v1/resources/download/charm_${PG_ID}.pg-snap_14`);
    expect(NS).toBe('charmhub');
  });
  it('under a site registry, a stored oci-image document is advertised with the digests of the rewritten bytes', async () => {
    const { ctx } = await seeded({ charmOciRegistry: { url: 'https://r.site', username: 'u', password: 'p' } });
    const req = charmRequest('POST', '/v2/charms/refresh', { body: { context: [], actions: [{ action: 'install', 'instance-key': 'k', name: 'postgresql', channel: '14/stable', base: jammy }] } });
    const image = { name: 'pg-image', type: 'oci-image', revision: 3, filename: '', description: '', download: { url: 'https://x/y', ...digests(OCI_DOC) } };
    const pg = { ...charm, id: PG_ID, name: 'postgresql', revision: 468, resources: [image] };
    const { reply } = await refreshFromUpstream(req, ctx, up({ results: [{ result: 'install', 'instance-key': 'k', 'effective-channel': '14/stable', charm: pg }] }));
    const served = parse(reply.body).results[0].charm.resources[0].download;
    expect(served['hash-sha-256']).not.toBe(digests(OCI_DOC)['hash-sha-256']);
    const blob = await charmSite.answer(charmRequest('GET', `/api/v1/resources/download/charm_${PG_ID}.pg-image_3`), ctx);
    expect(served).toMatchObject(digests((blob as { body: Buffer }).body));
  });
});
