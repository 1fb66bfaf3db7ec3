import { describe, expect, it } from 'vitest';
import { routeOf, routes } from '../../../src/sites/images/routes.js';

describe('images routes', () => {
  it('streams/v1 .sjson and .json are metadata; everything else is an item', () => {
    expect(routeOf('/ephemeral-v3/stable/streams/v1/index.sjson')).toBe('metadata');
    expect(routeOf('/ephemeral-v3/stable/streams/v1/index.json')).toBe('metadata');
    expect(routeOf('/ephemeral-v3/candidate/streams/v1/com.ubuntu.maas:candidate:v3:download.sjson')).toBe('metadata');
    expect(routeOf('/ephemeral-v3/stable/noble/amd64/20250805/squashfs')).toBe('item');
    expect(routeOf('/ephemeral-v3/stable/streams/v1/sub/x.sjson')).toBe('item');
    expect(routes.map((r) => r.route)).toEqual(['metadata', 'metadata', 'item']);
  });
});
