import { describe, expect, it } from 'vitest';
import { infoDocument, infoLocal } from '../../../src/sites/charm/info.js';
import { BUNDLE_ID, jammy, PG_ID } from '../../helpers/charm-records.js';
import { BASE, NS, parse, seeded } from './fixtures.js';

describe('charm info', () => {
  it('the whole document: result, channel-map per channel and base, default-release on the default track', async () => {
    const { ctx } = await seeded();
    const doc = (await infoDocument(ctx, NS, BASE, 'postgresql', null))!;
    expect(doc).toMatchObject({ type: 'charm', id: PG_ID, name: 'postgresql', result: { summary: 'postgresql summary' } });
    expect(doc['default-release']).toMatchObject({ channel: { name: '14/stable', track: '14', risk: 'stable', base: jammy, 'released-at': '2025-03-04T10:11:12.000000+00:00' }, revision: { revision: 468, download: { size: expect.any(Number) } } });
    expect((doc['channel-map'] as unknown[]).length).toBe(4);
    expect((await infoDocument(ctx, NS, BASE, 'pg-bundle', null))!).toMatchObject({ type: 'bundle', id: BUNDLE_ID, 'default-release': { revision: { 'bundle-yaml': expect.stringContaining('postgresql') } } });
  });
  it('fields and channel honoured; unknown name and unseeded channel are JSON 404s; a bad channel 400', async () => {
    const { ctx } = await seeded();
    const r = await infoLocal(ctx, NS, BASE, 'postgresql', new URLSearchParams('fields=default-release.revision.revision&channel=14/edge'));
    expect(parse(r.body)).toEqual({ type: 'charm', id: PG_ID, name: 'postgresql', 'default-release': { revision: { revision: 470 } } });
    expect((await infoLocal(ctx, NS, BASE, 'nope', new URLSearchParams())).status).toBe(404);
    expect((await infoLocal(ctx, NS, BASE, 'postgresql', new URLSearchParams('channel=15/stable'))).status).toBe(404);
    expect((await infoLocal(ctx, NS, BASE, 'postgresql', new URLSearchParams('channel=a/b/c/d'))).status).toBe(400);
  });
});
