import { describe, expect, it } from 'vitest';
import { nameOfId, nameRecord, releasesOf } from '../../../src/sites/charm/catalog.js';
import { idPath, recordBytes } from '../../../src/sites/charm/records.js';
import { putBytes } from '../../../src/store/put-bytes.js';
import { jammy, noble, PG_ID } from '../../helpers/charm-records.js';
import { NS, seeded } from './fixtures.js';

describe('charm catalogue', () => {
  it('maps ids to names (only when the name record agrees) and lists releases with their bases', async () => {
    const { store, ctx } = await seeded();
    expect((await nameOfId(ctx, NS, PG_ID))?.name).toBe('postgresql');
    expect((await nameRecord(ctx, NS, 'postgresql'))?.['default-track']).toBe('14');
    await putBytes(store, [{ ns: NS, path: idPath('Y'.repeat(32)), bytes: recordBytes({ id: 'Y'.repeat(32), name: 'postgresql' }), contentType: 'application/json', source: 'test' }]);
    expect(await nameOfId(ctx, NS, 'Y'.repeat(32))).toBeUndefined();
    const rel = await releasesOf(ctx, NS, 'postgresql');
    expect(rel.map((r) => [r.channel, r.base, r.record.revision])).toEqual([['14/edge', jammy, 470], ['14/stable', jammy, 468], ['16/stable', jammy, 470], ['16/stable', noble, 500]]);
    expect(await releasesOf(ctx, NS, 'nothing')).toEqual([]);
  });
});
