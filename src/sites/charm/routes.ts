// api.charmhub.io as Juju 3.6/4.x and python-libjuju use it (spec charmhub.md §3). Every route
// and the spec section it follows:
//
//   POST     /v2/charms/refresh                               §3.3 install/download/refresh, batched
//   GET      /v2/charms/info/NAME                             §3.1 channel-map of what is seeded
//   GET      /v2/charms/find                                  §3.2 over the seeded charms and bundles
//   GET      /v2/charms/resources/CHARM/RESOURCE/revisions    §3.4 seeded revisions, newest first
//   GET|HEAD /api/v1/charms/download/ID_REV.charm             §3.5 charm and bundle archives
//   GET|HEAD /api/v1/resources/download/charm_ID.RESOURCE_REV §3.5, §6 resources
import { blobOf, type BlobRef } from './blobs.js';
import { charmName, resourceName } from './records.js';

export type CharmRoute =
  | { route: 'refresh' }
  | { route: 'info'; name: string }
  | { route: 'find' }
  | { route: 'resource-revisions'; charm: string; resource: string }
  | { route: 'blob'; ref: BlobRef }
  | { route: 'none' };

export const routes: readonly { method: string; shape: string; route: CharmRoute['route'] }[] = [
  { method: 'POST', shape: '/v2/charms/refresh', route: 'refresh' },
  { method: 'GET', shape: '/v2/charms/info/NAME', route: 'info' },
  { method: 'GET', shape: '/v2/charms/find', route: 'find' },
  { method: 'GET', shape: '/v2/charms/resources/CHARM/RESOURCE/revisions', route: 'resource-revisions' },
  { method: 'GET|HEAD', shape: '/api/v1/charms/download/ID_REV.charm | /api/v1/resources/download/charm_ID.RESOURCE_REV', route: 'blob' },
];

export function routeOf(path: string): CharmRoute {
  const ref = blobOf(path);
  if (ref) return { route: 'blob', ref };
  if (path === '/v2/charms/refresh') return { route: 'refresh' };
  if (path === '/v2/charms/find') return { route: 'find' };
  const info = /^\/v2\/charms\/info\/([^/]+)$/.exec(path);
  if (info) return charmName.test(info[1]!) ? { route: 'info', name: info[1]! } : { route: 'none' };
  const res = /^\/v2\/charms\/resources\/([^/]+)\/([^/]+)\/revisions$/.exec(path);
  if (res && charmName.test(res[1]!) && resourceName.test(res[2]!)) return { route: 'resource-revisions', charm: res[1]!, resource: res[2]! };
  return { route: 'none' };
}

export function methodsOf(route: CharmRoute['route']): string[] {
  const r = routes.find((x) => x.route === route);
  return r ? r.method.split('|') : ['GET'];
}
