import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobAnswer, blobOf } from '../../../src/sites/snap/blobs.js';
import type { Store } from '../../../src/store/store.js';
import { HELLO_ID, helloSnap, sha3hex, storeContext } from '../../helpers/snap-records.js';
import { seededStore } from './fixtures.js';
import { snapRequest } from './request.js';

let store: Store;
beforeEach(async () => {
  store = await seededStore();
});
afterEach(() => store.close());

describe('blobs', () => {
  it('names snap-id and revision from a download path, wherever it sits', () => {
    expect(blobOf(`/api/v1/snaps/download/${HELLO_ID}_4.snap`)).toEqual({ id: HELLO_ID, revision: 4 });
    expect(blobOf(`/x/${HELLO_ID}_4.snap`)).toEqual({ id: HELLO_ID, revision: 4 });
    expect(blobOf(`/x/${HELLO_ID}_0.snap`)).toBeUndefined();
    expect(blobOf('/x/short_4.snap')).toBeUndefined();
  });

  it('an object at the canonical path, to be filled with the size and sha3-384 the revision record gives', async () => {
    const req = snapRequest('GET', `/download-origin/x/${HELLO_ID}_4.snap`, { host: 'x.cdn.snapcraftcontent.com' });
    expect(await blobAnswer(req, storeContext(store), HELLO_ID, 4)).toEqual({ kind: 'object', ns: 'snap-store', path: `/api/v1/snaps/download/${HELLO_ID}_4.snap`, expectedSize: 4096, expectedDigests: { 'sha3-384': sha3hex(helloSnap()) } });
    expect(await blobAnswer(req, storeContext(store), HELLO_ID, 9)).toEqual({ kind: 'object', ns: 'snap-store', path: `/api/v1/snaps/download/${HELLO_ID}_9.snap` });
  });
});
