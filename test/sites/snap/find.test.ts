import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findLocal } from '../../../src/sites/snap/find.js';
import type { Store } from '../../../src/store/store.js';
import { NS, storeContext } from '../../helpers/snap-records.js';
import { seededStore } from './fixtures.js';

let store: Store;
beforeEach(async () => {
  store = await seededStore();
});
afterEach(() => store.close());

const find = async (query: string, arch = 'amd64') => {
  const r = await findLocal(storeContext(store), NS, 'https://api.snapcraft.io', new URLSearchParams(query), arch);
  expect(r.headers?.['content-type']).toBe('application/json');
  return (JSON.parse(r.body.toString()) as { results: { name: string; revision: { revision: number; channel: string } }[] }).results;
};

describe('GET /v2/snaps/find from the cache', () => {
  it('q= matches name, title or summary; only snaps servable on the architecture', async () => {
    expect((await find('q=container')).map((r) => r.name)).toEqual(['lxdish']);
    expect((await find('q=lx')).map((r) => [r.name, r.revision.revision, r.revision.channel])).toEqual([['lxdish', 100, '5.21/stable']]);
    expect((await find('q=hello')).map((r) => r.name)).toEqual([]);
    expect((await find('q=hello', 'armhf')).map((r) => r.name)).toEqual(['hello-lhc']);
    expect((await find('q=', 'armhf')).map((r) => r.name)).toEqual(['hello-lhc']);
  });

  it('name= is exact, or a prefix with *; categories and private searches find nothing', async () => {
    expect((await find('name=lxdish')).map((r) => r.name)).toEqual(['lxdish']);
    expect((await find('name=lxd')).map((r) => r.name)).toEqual([]);
    expect((await find('name=lxd*')).map((r) => r.name)).toEqual(['lxdish']);
    expect(await find('q=lxd&category=featured')).toEqual([]);
    expect(await find('q=lxd&private=true')).toEqual([]);
  });
});
