// images.maas.io as MAAS and sstream-mirror use it (spec apt-simplestreams.md B1-B3, 0.5-0.6).
// A stream lives under any path prefix (/ephemeral-v3/stable/, /ephemeral-v3/candidate/, …):
//
//   GET|HEAD <stream>/streams/v1/index.sjson           the signed index (index.json: unsigned twin)
//   GET|HEAD <stream>/streams/v1/<content id>.sjson    signed products (`:` in the name; .json twin)
//   GET|HEAD <stream>/<item path>                      an item (squashfs, boot-kernel, …): immutable
//
// Metadata is served byte for byte as upstream signed it; it changes only as a whole set, when an
// import commits a newer one. Items are never replaced or removed by an import.

export type ImagesRoute = 'metadata' | 'item';

export const routes: readonly { shape: string; route: ImagesRoute }[] = [
  { shape: '<stream>/streams/v1/<name>.sjson', route: 'metadata' },
  { shape: '<stream>/streams/v1/<name>.json', route: 'metadata' },
  { shape: '<stream>/<item path>', route: 'item' },
];

const metadataPath = /\/streams\/v1\/[^/]+\.s?json$/;

export function routeOf(path: string): ImagesRoute {
  return metadataPath.test(path) ? 'metadata' : 'item';
}
