import { describe, expect, it } from 'vitest';
import { readRecord } from '../../../src/sites/charm/read-record.js';
import { isNameRecord, isRevisionRecord, namePath } from '../../../src/sites/charm/records.js';
import { putBytes } from '../../../src/store/put-bytes.js';
import { PG_ID } from '../../helpers/charm-records.js';
import { NS, seeded } from './fixtures.js';

describe('reading charm records', () => {
  it('reads a record that passes its check, as a copy; a failing or unparsable one is absent', async () => {
    const { store, ctx } = await seeded();
    const rec = await readRecord(ctx, NS, namePath('postgresql'), isNameRecord);
    expect(rec?.id).toBe(PG_ID);
    rec!.result.summary = 'changed';
    expect((await readRecord(ctx, NS, namePath('postgresql'), isNameRecord))!.result.summary).toBe('postgresql summary');
    expect(await readRecord(ctx, NS, namePath('postgresql'), isRevisionRecord)).toBeUndefined();
    expect(await readRecord(ctx, NS, namePath('nothing'), isNameRecord)).toBeUndefined();
    await putBytes(store, [{ ns: NS, path: namePath('broken'), bytes: Buffer.from('{not json'), contentType: 'application/json', source: 'test' }]);
    expect(await readRecord(ctx, NS, namePath('broken'), isNameRecord)).toBeUndefined();
  });
});
