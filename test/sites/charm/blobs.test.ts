import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blobAnswer, blobOf } from '../../../src/sites/charm/blobs.js';
import { charmSite } from '../../../src/sites/charm/charm-site.js';
import { digests, PG_ID } from '../../helpers/charm-records.js';
import { charmRequest, NS, parse, seeded } from './fixtures.js';

describe('charm blobs', () => {
  it('a seeded charm or resource is an object answer bound to its advertised size, sha256 and sha384', async () => {
    const { ctx, store } = await seeded();
    const path = `/api/v1/charms/download/${PG_ID}_468.charm`;
    const a = await blobAnswer(charmRequest('GET', path), ctx, blobOf(path)!);
    const stored = store.lookup(NS, path)!;
    expect(a).toMatchObject({ kind: 'object', ns: NS, path, expectedSize: stored.size, expectedSha256: stored.sha256 });
    expect((a as { expectedDigests: Record<string, string> }).expectedDigests.sha384).toMatch(/^[0-9a-f]{96}$/);
    const rpath = `/api/v1/resources/download/charm_${PG_ID}.pg-snap_12`;
    expect(await blobAnswer(charmRequest('GET', rpath), ctx, blobOf(rpath)!)).toMatchObject({ kind: 'object', path: rpath, ...{ expectedSize: 11, expectedSha256: digests(Buffer.from('snap twelve'))['hash-sha-256'] } });
    const unknown = `/api/v1/charms/download/${'Q'.repeat(32)}_1.charm`;
    expect(await blobAnswer(charmRequest('GET', unknown), ctx, blobOf(unknown)!)).toEqual({ kind: 'object', ns: NS, path: unknown });
  });

  it('an oci-image document under a site registry is served rewritten, with the digests refresh advertises', async () => {
    const { ctx } = await seeded({ charmOciRegistry: { url: 'https://r.site', username: 'u', password: 'p' } });
    const rpath = `/api/v1/resources/download/charm_${PG_ID}.pg-image_3`;
    const a = await charmSite.answer(charmRequest('GET', rpath), ctx);
    expect(a.kind).toBe('reply');
    const body = (a as { body: Buffer }).body;
    expect(JSON.parse(body.toString())).toMatchObject({ ImageName: expect.stringMatching(/^r\.site\/charm\//), Username: 'u', Password: 'p' });
    const refresh = await charmSite.answer(charmRequest('POST', '/v2/charms/refresh', { body: { context: [], actions: [{ action: 'install', 'instance-key': 'k', name: 'postgresql', channel: '14/stable', base: { architecture: 'amd64', name: 'ubuntu', channel: '22.04' } }] } }), ctx);
    const local = await (refresh as { local: () => Promise<{ body: string }> }).local();
    const res = parse(local.body).results[0].charm.resources.find((r: { name: string }) => r.name === 'pg-image');
    expect(res.download).toMatchObject({ size: body.length, 'hash-sha-256': createHash('sha256').update(body).digest('hex'), 'hash-sha-384': createHash('sha384').update(body).digest('hex') });
  });
});
