import { describe, expect, it } from 'vitest';
import { methodsOf, routeOf, routes } from '../../../src/sites/snap/routes.js';

const ID = 'C5dNhzm9yryAvdNmZOgGAo74OioC3zSn';

describe('snap store routes', () => {
  it('maps every documented shape', () => {
    expect(routeOf('/v2/snaps/refresh', true)).toEqual({ route: 'refresh' });
    expect(routeOf('/v2/snaps/info/hello-lhc', true)).toEqual({ route: 'info', name: 'hello-lhc' });
    expect(routeOf('/v2/snaps/find', true)).toEqual({ route: 'find' });
    expect(routeOf(`/api/v1/snaps/download/${ID}_4.snap`, true)).toEqual({ route: 'blob', id: ID, revision: 4 });
    expect(routeOf('/v2/assertions/account/abc', true)).toEqual({ route: 'assertion' });
    expect(routeOf('/api/v1/snaps/sections', true)).toEqual({ route: 'sections' });
    expect(routeOf('/api/v1/snaps/names', true)).toEqual({ route: 'names' });
    expect(routeOf('/v2/snaps/categories', true)).toEqual({ route: 'categories' });
    expect(routeOf('/api/v1/snaps/auth/request-id', true)).toEqual({ route: 'device-auth' });
    expect(routes.map((r) => r.route)).toHaveLength(9);
  });
  it('CDN names answer blob paths only; unknown paths and bad names are none', () => {
    expect(routeOf(`/download-origin/canonical-lgw01/${ID}_4.snap`, false)).toEqual({ route: 'blob', id: ID, revision: 4 });
    expect(routeOf('/v2/snaps/refresh', false)).toEqual({ route: 'none' });
    expect(routeOf(`/elsewhere/${ID}_4.snap`, true)).toEqual({ route: 'none' });
    expect(routeOf('/v2/snaps/info/Bad_Name', true)).toEqual({ route: 'none' });
    expect(routeOf('/v2/assertions/bogus/x', true)).toEqual({ route: 'none' });
    expect(routeOf(`/api/v1/snaps/download/${ID}_3_4_xdelta3.delta`, true)).toEqual({ route: 'none' });
  });
  it('knows the methods of each route', () => {
    expect(methodsOf('refresh')).toEqual(['POST']);
    expect(methodsOf('blob')).toEqual(['GET', 'HEAD']);
    expect(methodsOf('info')).toEqual(['GET']);
  });
});
