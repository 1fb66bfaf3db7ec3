import { afterEach, describe, expect, it } from 'vitest';
import { StoreClient } from '../../../src/seed/snap/store-client.js';
import type { ApiCall, ApiResponse } from '../../../src/upstream/api-call.js';
import { fakeSectionContext } from '../../helpers/fake-section-context.js';
import { HELLO_ID } from '../../helpers/snap-records.js';
import { tempDir } from '../../helpers/tmp.js';
import { fakeStore } from './fake-store-fixture.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function client() {
  const { store } = fakeStore();
  const port = await store.listen();
  closers.push(() => store.close());
  return { store, client: new StoreClient(fakeSectionContext(port, tempDir()).api!, 'https://api.snapcraft.io') };
}

describe('the seeder as a store client', () => {
  it('download actions in one request, results in action order, with the device headers', async () => {
    const { store, client: c } = await client();
    const [a, b] = await c.download('armhf', [{ name: 'hello-lhc' }, { name: 'nope' }]);
    expect(a).toMatchObject({ result: 'download', 'instance-key': 'download-1', snap: { revision: 4 } });
    expect(b).toMatchObject({ result: 'error', error: { code: 'name-not-found' } });
    const q = store.requests[0]!;
    expect(q.headers).toMatchObject({ 'snap-device-architecture': 'armhf', 'snap-device-series': '16', 'content-type': 'application/json', accept: 'application/json' });
    expect(JSON.parse(q.body).fields).toContain('snap-yaml');
  });

  it('info (404 is undefined) and assertions in the formats Debian 12 snapd reads', async () => {
    const { store, client: c } = await client();
    expect((await c.info('hello-lhc', 'armhf'))?.['snap-id']).toBe(HELLO_ID);
    expect(await c.info('nope', 'armhf')).toBeUndefined();
    expect((await c.assertion('snap-declaration', ['16', HELLO_ID]))?.headers['snap-name']).toBe('hello-lhc');
    expect(await c.assertion('account', ['nobody'])).toBeUndefined();
    expect(store.requests.map((r) => r.url).filter((u) => u.startsWith('/v2/assertions/'))).toEqual([`/v2/assertions/snap-declaration/16/${HELLO_ID}?max-format=5`, '/v2/assertions/account/nobody?max-format=0']);
  });

  it('an assertion at the wrong path, a 5xx that stays, or non-JSON are seed errors; a passing 5xx is retried', async () => {
    let calls = 0;
    const flaky = async (call: ApiCall): Promise<ApiResponse> => {
      calls++;
      if (call.url.includes('/v2/assertions/')) return { status: 200, headers: {}, body: Buffer.from('type: account\naccount-id: other\nsign-key-sha3-384: k\n\nAAAA') };
      if (calls < 2) return { status: 503, headers: {}, body: Buffer.alloc(0) };
      return { status: 200, headers: {}, body: Buffer.from(call.url.includes('info') ? 'not json' : '{"results":[]}') };
    };
    const c = new StoreClient(flaky, 'https://api.snapcraft.io', 3, 1);
    expect(await c.download('amd64', [{ name: 'x' }])).toEqual([{ result: 'error', error: { code: 'no-result', message: 'the store gave no result for this action' } }]);
    expect(calls).toBe(2);
    await expect(c.assertion('account', ['mine'])).rejects.toThrow(/sent \/v2\/assertions\/account\/other instead/);
    await expect(c.info('x', 'amd64')).rejects.toThrow(/not JSON/);
    const down = new StoreClient(async () => ({ status: 502, headers: {}, body: Buffer.from('{"error-list":[{"message":"bad gateway"}]}') }), 'https://api.snapcraft.io', 2, 1);
    await expect(down.download('amd64', [{ name: 'x' }])).rejects.toThrow(/answered 502: bad gateway/);
  });
});
