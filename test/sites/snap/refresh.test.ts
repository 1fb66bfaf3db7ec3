// Contract tests from the spec's captured request bodies (snap-store.md §5.1, §5.2).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshLocal } from '../../../src/sites/snap/refresh.js';
import type { Store } from '../../../src/store/store.js';
import { HELLO_ID, helloSnap, sha3hex, storeContext } from '../../helpers/snap-records.js';
import { LXD_ID, seededStore } from './fixtures.js';
import { fields, snapRequest } from './request.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- results are checked field by field below
type Result = Record<string, any>;

let store: Store;
beforeEach(async () => {
  store = await seededStore();
});
afterEach(() => store.close());

async function refresh(body: object, arch = 'amd64') {
  const reply = await refreshLocal(snapRequest('POST', '/v2/snaps/refresh', { body: { fields, ...body }, headers: { 'snap-device-architecture': arch, 'content-type': 'application/json' } }), storeContext(store));
  expect(reply.headers?.['content-type']).toBe('application/json');
  return { status: reply.status, doc: JSON.parse(reply.body.toString()) as { results: Result[]; 'error-list'?: unknown[] } };
}

const download = (name: string, extra: object = {}) => ({ context: [], actions: [{ action: 'download', 'instance-key': 'download-1', name, epoch: null, ...extra }] });

describe('POST /v2/snaps/refresh from the cache', () => {
  it('snap download NAME: one download result, the snap object agreeing with the signed assertions', async () => {
    const { status, doc } = await refresh(download('hello-lhc'), 'armhf');
    expect(status).toBe(200);
    expect(doc.results).toHaveLength(1);
    const r = doc.results[0]!;
    expect(r).toMatchObject({ result: 'download', 'instance-key': 'download-1', 'snap-id': HELLO_ID, name: 'hello-lhc', 'effective-channel': 'latest/stable' });
    expect(r.snap).toMatchObject({ name: 'hello-lhc', 'snap-id': HELLO_ID, revision: 4, architectures: ['armhf'], epoch: { read: [0], write: [0] }, publisher: { id: 'pubid' }, media: [] });
    expect(r.snap.download).toEqual({ url: `https://api.snapcraft.io/api/v1/snaps/download/${HELLO_ID}_4.snap`, size: 4096, 'sha3-384': sha3hex(helloSnap()), deltas: [] });
    expect(r.snap['snap-yaml']).toContain('name: hello-lhc');
  });

  it('install with channel stable (daemon), and the prerequisite base asked in a second POST', async () => {
    const { doc } = await refresh({ context: [], actions: [{ action: 'install', 'instance-key': 'install-1', name: 'lxdish', channel: 'stable', epoch: null }] });
    expect(doc.results[0]).toMatchObject({ result: 'install', 'instance-key': 'install-1', 'effective-channel': '5.21/stable', snap: { revision: 100 } });
    const base = await refresh({ context: [], actions: [{ action: 'install', 'instance-key': 'install-1', name: 'core22', channel: 'stable', epoch: null }] });
    expect(base.doc.results).toEqual([{ result: 'error', 'instance-key': 'install-1', 'snap-id': null, name: 'core22', error: { code: 'name-not-found', message: "No snap named 'core22' found in series '16'.", extra: { releases: [] } } }]);
  });

  it('--channel=latest/edge falls back as the store does; --revision=N pins', async () => {
    expect((await refresh(download('lxdish', { channel: 'beta' }))).doc.results[0]).toMatchObject({ 'effective-channel': '5.21/candidate', snap: { revision: 101 } });
    expect((await refresh(download('lxdish', { revision: 101 }))).doc.results[0]).toMatchObject({ result: 'download', snap: { revision: 101 } });
  });

  it('unknown names and unseeded revisions are error results with name set (never an empty list)', async () => {
    const { doc } = await refresh({ context: [], actions: [
      { action: 'download', 'instance-key': 'download-1', name: 'missing', epoch: null },
      { action: 'download', 'instance-key': 'download-2', name: 'lxdish', revision: 7, epoch: null },
      { action: 'install', 'instance-key': 'install-1', name: 'lxdish', channel: 'latest/edge', epoch: null },
    ] });
    expect(doc.results.map((r) => [r.result, r['instance-key'], r.name, r.error?.code])).toEqual([
      ['error', 'download-1', 'missing', 'name-not-found'],
      ['error', 'download-2', 'lxdish', 'revision-not-found'],
      ['error', 'install-1', 'lxdish', 'revision-not-found'],
    ]);
    expect(doc.results[2]!.error.extra.releases).toContainEqual({ architecture: 'amd64', channel: '5.21/stable' });
    expect(doc.results[2]!['snap-id']).toBe(LXD_ID);
  });

  it('refresh: a newer revision on the tracked channel; nothing newer answers the installed revision', async () => {
    const ctx = (rev: number, channel: string) => ({ 'snap-id': LXD_ID, 'instance-key': LXD_ID, revision: rev, 'tracking-channel': channel, epoch: { read: [0], write: [0] }, 'refreshed-date': '2024-05-01T10:00:00Z' });
    const act = { action: 'refresh', 'instance-key': LXD_ID, 'snap-id': LXD_ID };
    const newer = await refresh({ context: [ctx(100, '5.21/candidate')], actions: [act] });
    expect(newer.doc.results).toEqual([expect.objectContaining({ result: 'refresh', 'instance-key': LXD_ID, 'effective-channel': '5.21/candidate', snap: expect.objectContaining({ revision: 101 }) })]);
    const same = await refresh({ context: [ctx(100, '5.21/stable')], actions: [act] });
    expect(same.doc.results).toEqual([expect.objectContaining({ result: 'refresh', snap: expect.objectContaining({ revision: 100 }) })]);
    // Installed from elsewhere at 101 while the cache's stable holds 100: no downgrade.
    const older = await refresh({ context: [ctx(101, '5.21/stable')], actions: [act] });
    expect(older.doc.results[0]).toMatchObject({ result: 'refresh', snap: { revision: 101 } });
    // Asking for another channel is a switch, and may go down.
    const sw = await refresh({ context: [ctx(101, '5.21/candidate')], actions: [{ ...act, channel: '5.21/stable' }] });
    expect(sw.doc.results[0]).toMatchObject({ result: 'refresh', snap: { revision: 100 } });
  });

  it('refresh of a snap the cache does not know is an id-not-found error, of a closed channel the installed revision', async () => {
    const other = 'O'.repeat(32);
    const { doc } = await refresh({ context: [{ 'snap-id': other, 'instance-key': other, revision: 3, 'tracking-channel': 'latest/stable', epoch: { read: [0], write: [0] } }], actions: [{ action: 'refresh', 'instance-key': other, 'snap-id': other }] });
    expect(doc.results[0]).toMatchObject({ result: 'error', 'instance-key': other, 'snap-id': other, error: { code: 'id-not-found' } });
    const closed = await refresh({ context: [{ 'snap-id': LXD_ID, 'instance-key': LXD_ID, revision: 100, 'tracking-channel': 'latest/edge', epoch: { read: [0], write: [0] } }], actions: [{ action: 'refresh', 'instance-key': LXD_ID, 'snap-id': LXD_ID }] });
    expect(closed.doc.results[0]).toMatchObject({ result: 'refresh', 'effective-channel': 'latest/edge', snap: { revision: 100 } });
  });

  it('headers pick the architecture; a body that is not a request is a 400 error list', async () => {
    expect((await refresh(download('lxdish'), 'arm64')).doc.results[0]).toMatchObject({ snap: { revision: 100, architectures: ['amd64', 'arm64'] } });
    const bad = await refreshLocal(snapRequest('POST', '/v2/snaps/refresh', { body: Buffer.from('nope') }), storeContext(store));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString())['error-list'][0].code).toBe('invalid-request');
  });

  it('unsupported actions get an error result of their own', async () => {
    const { doc } = await refresh({ context: [], actions: [{ action: 'refresh-all', 'instance-key': 'x' }] });
    expect(doc.results[0]).toMatchObject({ result: 'error', 'instance-key': 'x', error: { code: 'invalid-field' } });
  });
});
