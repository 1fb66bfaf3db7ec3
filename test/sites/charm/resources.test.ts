import { describe, expect, it } from 'vitest';
import { resourceRevisionsLocal } from '../../../src/sites/charm/resources.js';
import { PG_ID } from '../../helpers/charm-records.js';
import { BASE, NS, parse, seeded } from './fixtures.js';

describe('resource revisions', () => {
  it('every seeded revision newest first with absolute download URLs; unknown charm or resource a JSON 404', async () => {
    const { ctx } = await seeded();
    const r = await resourceRevisionsLocal(ctx, NS, BASE, 'postgresql', 'pg-snap');
    expect([r.status, r.headers]).toEqual([200, { 'content-type': 'application/json' }]);
    const revs = parse(r.body).revisions as { revision: number; type: string; download: { url: string } }[];
    expect(revs.map((x) => x.revision)).toEqual([13, 12]);
    expect(revs[0]!.download.url).toBe(`${BASE}/api/v1/resources/download/charm_${PG_ID}.pg-snap_13`);
    expect((await resourceRevisionsLocal(ctx, NS, BASE, 'postgresql', 'nope')).status).toBe(404);
    expect((await resourceRevisionsLocal(ctx, NS, BASE, 'nope', 'pg-snap')).status).toBe(404);
  });
});
