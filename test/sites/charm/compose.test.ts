import { describe, expect, it } from 'vitest';
import { nameRecord } from '../../../src/sites/charm/catalog.js';
import { composeEntity, composeResources } from '../../../src/sites/charm/compose.js';
import { readRecord } from '../../../src/sites/charm/read-record.js';
import { isRevisionRecord, revisionPath } from '../../../src/sites/charm/records.js';
import { PG_ID } from '../../helpers/charm-records.js';
import { BASE, NS, seeded } from './fixtures.js';

describe('composing charm JSON', () => {
  it('an entity with name-level fields, the revision, an absolute download URL and full resources', async () => {
    const { ctx } = await seeded();
    const pg = (await nameRecord(ctx, NS, 'postgresql'))!;
    const rev = (await readRecord(ctx, NS, revisionPath(PG_ID, 468), isRevisionRecord))!;
    const e = await composeEntity(ctx, NS, BASE, pg, rev, rev.resources);
    expect(e).toMatchObject({ type: 'charm', id: PG_ID, name: 'postgresql', revision: 468, version: 'v468', summary: 'postgresql summary', license: 'Apache-2.0', publisher: { 'display-name': 'Canonical' }, 'metadata-yaml': 'name: postgresql\n' });
    expect(e.download).toEqual({ url: `${BASE}/api/v1/charms/download/${PG_ID}_468.charm`, ...rev.download });
    expect((e.resources as { name: string; download: { url: string } }[]).map((r) => r.download.url)).toEqual([`${BASE}/api/v1/resources/download/charm_${PG_ID}.pg-snap_12`, `${BASE}/api/v1/resources/download/charm_${PG_ID}.pg-image_3`]);
    expect(await composeResources(ctx, NS, BASE, PG_ID, [{ name: 'pg-snap', revision: 99 }])).toEqual([]);
  });
});
