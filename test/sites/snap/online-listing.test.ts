import { describe, expect, it } from 'vitest';
import { listingFromUpstream } from '../../../src/sites/snap/online-listing.js';

const ID = 'UpstreamUpstreamUpstreamUpstream';

describe('info and find answered upstream (online)', () => {
  it('rewrites every channel-map download to api.snapcraft.io and drops media', () => {
    const info = { name: 'up', 'snap-id': ID, snap: { media: [{ type: 'icon', url: 'x' }], summary: 's' }, 'channel-map': [{ revision: 9, download: { url: 'https://cdn/x', size: 1, 'sha3-384': 'a', deltas: [{}] }, channel: { name: 'stable' } }] };
    const { reply } = listingFromUpstream({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from(JSON.stringify(info)) }, 'https://api.snapcraft.io', undefined);
    expect(reply.headers?.['content-type']).toBe('application/json');
    const doc = JSON.parse(reply.body.toString());
    expect(doc.snap.media).toEqual([]);
    expect(doc['channel-map'][0].download).toEqual({ url: `https://api.snapcraft.io/api/v1/snaps/download/${ID}_9.snap`, size: 1, 'sha3-384': 'a', deltas: [] });
    expect(doc['channel-map'][0].channel).toEqual({ name: 'stable' });
  });
  it('passes errors and non-JSON through with their status', () => {
    const nf = listingFromUpstream({ status: 404, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"error-list":[{"code":"resource-not-found"}]}') }, 'https://api.snapcraft.io', undefined);
    expect(nf.reply.status).toBe(404);
    expect(JSON.parse(nf.reply.body.toString())['error-list'][0].code).toBe('resource-not-found');
    expect(listingFromUpstream({ status: 200, headers: {}, body: Buffer.from('<html>') }, 'https://api.snapcraft.io', undefined).reply.body.toString()).toBe('<html>');
  });
});
