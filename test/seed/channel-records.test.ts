import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelRecords, storedJson } from '../../src/seed/channel-records.js';
import { openStore, type Store } from '../../src/store/store.js';
import { putBytes } from '../../src/store/put-bytes.js';
import { tempDir } from '../helpers/tmp.js';

let store: Store;
beforeEach(() => {
  store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
});
afterEach(() => store.close());

const put = (path: string, body: string) => ({ ns: 'n', path, bytes: Buffer.from(body), contentType: 'application/json', source: 'test' });

// A layout like the sites': /names/NAME, /channels/NAME/ARCH/RISK.
const layout = {
  namesPrefix: '/names/',
  channelsPrefix: (name: string) => `/channels/${name}/`,
  channelOfPath: (name: string, path: string) => {
    const rest = path.slice(`/channels/${name}/`.length).split('/');
    return rest.length === 2 ? { arch: rest[0]!, risk: rest[1]! } : undefined;
  },
  isNameRecord: (v: unknown): v is { name: string } => typeof (v as { name?: unknown } | undefined)?.name === 'string',
  isChannelRecord: (v: unknown): v is { revision: number } => typeof (v as { revision?: unknown } | undefined)?.revision === 'number',
};

describe('channel records', () => {
  it('yields every channel record of every name record, skipping what does not parse or does not fit the layout', async () => {
    await putBytes(store, [
      put('/names/a', '{"name":"a"}'),
      put('/names/broken', '{"name":'),
      put('/names/b', '{"name":"b"}'),
      put('/channels/a/amd64/stable', '{"revision":3}'),
      put('/channels/a/arm64/edge', '{"revision":"4"}'),
      put('/channels/a/too/deep/path', '{"revision":5}'),
      put('/channels/b/amd64/stable', '{"revision":7}'),
      put('/channels/orphan/amd64/stable', '{"revision":9}'),
    ]);
    const seen = [];
    for await (const e of channelRecords(store, 'n', layout)) seen.push([e.name.name, e.where, e.channel.revision]);
    expect(seen).toEqual([
      ['a', { arch: 'amd64', risk: 'stable' }, 3],
      ['b', { arch: 'amd64', risk: 'stable' }, 7],
    ]);
  });

  it('reads a stored object as JSON, or undefined when it is not JSON', async () => {
    const [good, bad] = await putBytes(store, [put('/good', '{"x":[1]}'), put('/bad', 'not json')]);
    expect(await storedJson(store, good!)).toEqual({ x: [1] });
    expect(await storedJson(store, bad!)).toBeUndefined();
  });
});
