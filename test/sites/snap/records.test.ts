import { afterEach, describe, expect, it } from 'vitest';
import { channelOfPath, channelPath, isNameRecord, isRevisionRecord, namePath, readRecord, revisionPath } from '../../../src/sites/snap/records.js';
import type { Store } from '../../../src/store/store.js';
import { HELLO_ID, NS, storeContext } from '../../helpers/snap-records.js';
import { seededStore } from './fixtures.js';

let store: Store | undefined;
afterEach(() => store?.close());

describe('snap records', () => {
  it('paths of names, revisions and channels; a channel path splits back', () => {
    expect(namePath('x')).toBe('/@snap/names/x');
    expect(revisionPath(HELLO_ID, 4)).toBe(`/@snap/revisions/${HELLO_ID}/4`);
    expect(channelPath('x', 'amd64', '5.21/beta/fix')).toBe('/@snap/channels/x/amd64/5.21/beta/fix');
    expect(channelOfPath('x', '/@snap/channels/x/amd64/5.21/beta/fix')).toEqual({ arch: 'amd64', channel: '5.21/beta/fix' });
    expect(channelOfPath('x', '/@snap/channels/x/amd64/stable')).toBeUndefined();
  });

  it('reads stored records and refuses a shape that is not one', async () => {
    store = await seededStore();
    const ctx = storeContext(store);
    expect(await readRecord(ctx, NS, namePath('hello-lhc'), isNameRecord)).toMatchObject({ name: 'hello-lhc', 'snap-id': HELLO_ID, 'default-track': 'latest' });
    expect(await readRecord(ctx, NS, revisionPath(HELLO_ID, 4), isRevisionRecord)).toMatchObject({ revision: 4, architectures: ['armhf'], download: { size: 4096 } });
    expect(await readRecord(ctx, NS, revisionPath(HELLO_ID, 5), isRevisionRecord)).toBeUndefined();
    expect(await readRecord(ctx, NS, namePath('hello-lhc'), isRevisionRecord)).toBeUndefined();
    expect(isRevisionRecord({ name: 'x', 'snap-id': 'i', revision: 1, architectures: [], download: { size: 1, 'sha3-384': 'a'.repeat(96) } })).toBe(false);
    expect(isRevisionRecord({ name: 'x', 'snap-id': 'i', revision: 1, architectures: ['all'], download: { size: 1, 'sha3-384': 'A'.repeat(96) } })).toBe(false);
  });
});
