import { describe, expect, it } from 'vitest';
import { methodsOf, routeOf } from '../../../src/sites/charm/routes.js';

const ID = 'Zm9vYmFyYmF6cXV4MDEyMzQ1Njc4OWFi';

describe('charm routes', () => {
  it('maps each Charmhub URL shape Juju uses, and nothing else', () => {
    expect(routeOf('/v2/charms/refresh')).toEqual({ route: 'refresh' });
    expect(routeOf('/v2/charms/info/postgresql')).toEqual({ route: 'info', name: 'postgresql' });
    expect(routeOf('/v2/charms/find')).toEqual({ route: 'find' });
    expect(routeOf('/v2/charms/resources/postgresql/wal-e/revisions')).toEqual({ route: 'resource-revisions', charm: 'postgresql', resource: 'wal-e' });
    expect(routeOf(`/api/v1/charms/download/${ID}_208.charm`)).toEqual({ route: 'blob', ref: { blob: 'charm', id: ID, revision: 208 } });
    expect(routeOf(`/api/v1/resources/download/charm_${ID}.wal-e_0`)).toEqual({ route: 'blob', ref: { blob: 'resource', id: ID, resource: 'wal-e', revision: 0 } });
    for (const p of ['/v2/charms/info/Bad_Name', '/v2/charms/info/a/b', `/api/v1/charms/download/${ID}_01.charm`, '/api/v1/charms/download/short_1.charm', '/@charm/names/postgresql', '/v2/snaps/refresh']) expect(routeOf(p), p).toEqual({ route: 'none' });
    expect([methodsOf('refresh'), methodsOf('blob')]).toEqual([['POST'], ['GET', 'HEAD']]);
  });
});
