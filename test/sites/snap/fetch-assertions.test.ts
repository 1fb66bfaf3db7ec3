import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshLocal } from '../../../src/sites/snap/refresh.js';
import type { Store } from '../../../src/store/store.js';
import { HELLO_ID, storeContext } from '../../helpers/snap-records.js';
import { seededStore } from './fixtures.js';
import { snapRequest } from './request.js';

let store: Store;
beforeEach(async () => {
  store = await seededStore();
});
afterEach(() => store.close());

const PUB = 'sO7TPbndbZ1UVDdmeHJpWIA4D1hcjWO7';
const KEY = 'BWDEoaqyr25nF5SNCvEv2v7QnM9QsfCc0PBMYD_i2NGSQ32EF2d4D0hqUel3m8ul';

async function bulk(assertions: object[], maxFormats: object = { 'snap-declaration': 5, 'system-user': 1 }) {
  const body = { context: [], actions: [{ action: 'fetch-assertions', key: 'g1', assertions }], fields: [], 'assertion-max-formats': maxFormats };
  const r = await refreshLocal(snapRequest('POST', '/v2/snaps/refresh', { body }), storeContext(store));
  return JSON.parse(r.body.toString()) as { results: unknown[] };
}

describe('fetch-assertions (bulk assertion refresh)', () => {
  it('lists stream URLs for the assertions the cache has newer revisions of', async () => {
    const doc = await bulk([
      { type: 'snap-declaration', 'primary-key': ['16', HELLO_ID], 'if-newer-than': -1 },
      { type: 'account', 'primary-key': [PUB], 'if-newer-than': 300 },
      { type: 'account-key', 'primary-key': [KEY], 'if-newer-than': 2 },
    ]);
    expect(doc.results).toEqual([{ result: 'fetch-assertions', key: 'g1', 'assertion-stream-urls': [`https://api.snapcraft.io/v2/assertions/snap-declaration/16/${HELLO_ID}`, `https://api.snapcraft.io/v2/assertions/account/${PUB}`] }]);
  });

  it('nothing newer (or unknown, or in a format the client cannot read) is no result at all', async () => {
    expect((await bulk([{ type: 'account', 'primary-key': [PUB], 'if-newer-than': 313 }, { type: 'account', 'primary-key': ['nobody'], 'if-newer-than': 0 }, { type: 'bogus', 'primary-key': ['x'] }])).results).toEqual([]);
    expect((await bulk([{ type: 'validation-set', 'sequence-key': ['16', 'a', 'b'], sequence: 1 }])).results).toEqual([]);
    expect((await bulk([{ type: 'account', 'primary-key': ['..'] }])).results).toEqual([]);
  });
});
