// api.snapcraft.io as snapd and `snap download` use it (spec snap-store.md §3, E1–E10). Every
// route and the spec section it follows; the CDN names (*.cdn.snapcraftcontent.com, …) answer
// blob paths only.
//
//   POST     /v2/snaps/refresh                      E1 §5   install/download/refresh/fetch-assertions
//   GET      /v2/snaps/info/NAME                    E2 §6.1 channel-map of what is seeded
//   GET      /v2/snaps/find                         E3 §6.2 over the seeded snaps
//   GET|HEAD /api/v1/snaps/download/ID_REV.snap     E4 §7   the blob, byte for byte, ranges
//   GET      /v2/assertions/TYPE/KEY…               E5 §8.1 stored assertions, byte for byte
//   GET      /api/v1/snaps/sections, …/names        E7 §6.3 empty hal+json catalogs
//   GET      /v2/snaps/categories                   E8      no categories
//   POST     /api/v1/snaps/auth/…                   E9/E10 §9 a fast 4xx (online: upstream)
import { blobOf } from './blobs.js';
import { parseAssertionPath } from './primary-key.js';
import { snapName } from './records.js';

export type SnapRoute =
  | { route: 'refresh' }
  | { route: 'info'; name: string }
  | { route: 'find' }
  | { route: 'blob'; id: string; revision: number }
  | { route: 'assertion' }
  | { route: 'sections' }
  | { route: 'names' }
  | { route: 'categories' }
  | { route: 'device-auth' }
  | { route: 'none' };

export const routes: readonly { method: string; shape: string; route: SnapRoute['route'] }[] = [
  { method: 'POST', shape: '/v2/snaps/refresh', route: 'refresh' },
  { method: 'GET', shape: '/v2/snaps/info/NAME', route: 'info' },
  { method: 'GET', shape: '/v2/snaps/find', route: 'find' },
  { method: 'GET|HEAD', shape: '/api/v1/snaps/download/SNAPID_REV.snap', route: 'blob' },
  { method: 'GET', shape: '/v2/assertions/TYPE/KEY…', route: 'assertion' },
  { method: 'GET', shape: '/api/v1/snaps/sections', route: 'sections' },
  { method: 'GET', shape: '/api/v1/snaps/names', route: 'names' },
  { method: 'GET', shape: '/v2/snaps/categories', route: 'categories' },
  { method: 'POST', shape: '/api/v1/snaps/auth/…', route: 'device-auth' },
];

/** The route a path names; `apiHost` is false on the CDN names, where only blobs exist. */
export function routeOf(path: string, apiHost: boolean): SnapRoute {
  const blob = blobOf(path);
  if (blob && (!apiHost || path.startsWith('/api/v1/snaps/download/'))) return { route: 'blob', ...blob };
  if (!apiHost) return { route: 'none' };
  if (path === '/v2/snaps/refresh') return { route: 'refresh' };
  const info = /^\/v2\/snaps\/info\/([^/]+)$/.exec(path);
  if (info) return snapName.test(info[1]!) ? { route: 'info', name: info[1]! } : { route: 'none' };
  if (path === '/v2/snaps/find') return { route: 'find' };
  if (parseAssertionPath(path)) return { route: 'assertion' };
  if (path === '/api/v1/snaps/sections') return { route: 'sections' };
  if (path === '/api/v1/snaps/names') return { route: 'names' };
  if (path === '/v2/snaps/categories') return { route: 'categories' };
  if (path.startsWith('/api/v1/snaps/auth/')) return { route: 'device-auth' };
  return { route: 'none' };
}

/** The methods a route answers. */
export function methodsOf(route: SnapRoute['route']): string[] {
  const r = routes.find((x) => x.route === route);
  return r ? r.method.split('|') : ['GET'];
}
