import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshFromUpstream } from '../../../src/sites/snap/online-refresh.js';
import type { Store } from '../../../src/store/store.js';
import { openStore } from '../../../src/store/store.js';
import { putBytes } from '../../../src/store/put-bytes.js';
import { storeContext } from '../../helpers/snap-records.js';
import { tempDir } from '../../helpers/tmp.js';
import { snapRequest } from './request.js';

let store: Store;
beforeEach(() => {
  store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
});
afterEach(() => store.close());

const ID = 'UpstreamUpstreamUpstreamUpstream';
const upstreamSnap = { name: 'up', 'snap-id': ID, revision: 9, version: '2.0', architectures: ['amd64'], summary: 'from upstream', publisher: { id: 'p', username: 'p' }, media: [{ type: 'icon', url: 'https://dashboard.snapcraft.io/x.png' }], download: { url: `https://canonical-lgw01.cdn.snapcraftcontent.com/download-origin/x/${ID}_9.snap?token=1`, size: 10, 'sha3-384': 'c'.repeat(96), deltas: [{ format: 'xdelta3' }] } };

async function answer(actions: object[], results: object[], status = 200) {
  const req = snapRequest('POST', '/v2/snaps/refresh', { body: { context: [], actions }, headers: { 'snap-device-architecture': 'amd64' } });
  return refreshFromUpstream(req, storeContext(store), { status, headers: { 'content-type': 'application/json', 'snap-store-version': '61' }, body: Buffer.from(JSON.stringify({ results, 'error-list': [] })) });
}

describe('refresh answered upstream (online)', () => {
  it('passes results on with our download URL, no deltas, no media', async () => {
    const { reply } = await answer([{ action: 'install', 'instance-key': 'install-1', name: 'up', channel: 'stable', epoch: null }], [{ result: 'install', 'instance-key': 'install-1', 'snap-id': ID, name: 'up', 'effective-channel': '2.x/stable', snap: upstreamSnap }]);
    expect(reply.headers).toEqual({ 'content-type': 'application/json', 'snap-store-version': '61' });
    const doc = JSON.parse(reply.body.toString());
    expect(doc.results[0].snap.download).toEqual({ url: `https://api.snapcraft.io/api/v1/snaps/download/${ID}_9.snap`, size: 10, 'sha3-384': 'c'.repeat(96), deltas: [] });
    expect(doc.results[0].snap.media).toEqual([]);
    expect(doc.results[0]['effective-channel']).toBe('2.x/stable');
  });

  it('keeps the revision, the name (default track learned from a bare risk) and the channel on this architecture', async () => {
    const { keep } = await answer([{ action: 'install', 'instance-key': 'install-1', name: 'up', channel: 'stable', epoch: null }], [{ result: 'install', 'instance-key': 'install-1', 'snap-id': ID, name: 'up', 'effective-channel': '2.x/stable', snap: upstreamSnap }]);
    const byPath = Object.fromEntries((keep ?? []).map((k) => [k.path, JSON.parse(k.bytes.toString())]));
    expect(Object.keys(byPath)).toEqual([`/@snap/revisions/${ID}/9`, '/@snap/names/up', '/@snap/channels/up/amd64/2.x/stable']);
    expect(byPath[`/@snap/revisions/${ID}/9`]).toMatchObject({ name: 'up', revision: 9, download: { size: 10, 'sha3-384': 'c'.repeat(96) } });
    expect(byPath[`/@snap/revisions/${ID}/9`].download.url).toBeUndefined();
    expect(byPath[`/@snap/revisions/${ID}/9`].media).toBeUndefined();
    expect(byPath['/@snap/names/up']).toEqual({ name: 'up', 'snap-id': ID, 'default-track': '2.x', snap: { summary: 'from upstream', publisher: { id: 'p', username: 'p' } } });
    expect(byPath['/@snap/channels/up/amd64/2.x/stable'].revision).toBe(9);
  });

  it('a named track leaves the known default track alone', async () => {
    await putBytes(store, [{ ns: 'snap-store', path: '/@snap/names/up', bytes: Buffer.from(JSON.stringify({ name: 'up', 'snap-id': ID, 'default-track': 'latest', snap: {} })), contentType: 'application/json', source: 't' }]);
    const { keep } = await answer([{ action: 'download', 'instance-key': 'download-1', name: 'up', channel: '2.x/edge', epoch: null }], [{ result: 'download', 'instance-key': 'download-1', 'effective-channel': '2.x/edge', snap: upstreamSnap }]);
    expect(JSON.parse(keep!.find((k) => k.path === '/@snap/names/up')!.bytes.toString())['default-track']).toBe('latest');
  });

  it('errors, results without a usable snap, and non-JSON answers are passed on and keep nothing', async () => {
    const err = await answer([], [{ result: 'error', 'instance-key': 'download-1', name: 'x', error: { code: 'name-not-found' } }, { result: 'download', snap: { name: 'bad' } }]);
    expect(err.keep).toEqual([]);
    expect(JSON.parse(err.reply.body.toString()).results[0].error.code).toBe('name-not-found');
    const req = snapRequest('POST', '/v2/snaps/refresh', { body: {} });
    const raw = await refreshFromUpstream(req, storeContext(store), { status: 400, headers: {}, body: Buffer.from('not json') });
    expect(raw.reply.status).toBe(400);
    expect(raw.keep).toBeUndefined();
  });
});
