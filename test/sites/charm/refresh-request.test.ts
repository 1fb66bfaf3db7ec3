import { describe, expect, it } from 'vitest';
import { parseRefreshRequest } from '../../../src/sites/charm/refresh-request.js';

const parse = (doc: unknown) => parseRefreshRequest(Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc)));

describe('refresh request', () => {
  it('accepts what Juju sends: base null, NA bases, empty context, metrics-only', () => {
    const r = parse({ context: [{ 'instance-key': 'k', id: 'i', revision: 3, base: { architecture: 'amd64', name: 'ubuntu', channel: '22.04' }, 'tracking-channel': 'stable', metrics: { relations: '' } }], actions: [{ action: 'refresh', 'instance-key': 'k', id: 'i', base: null }, { action: 'install', 'instance-key': 'j', name: 'pg', channel: 'stable', base: { architecture: 'amd64', name: 'NA', channel: 'NA' }, 'resource-revisions': [{ name: 'r', revision: 1 }] }], fields: ['bases'] });
    expect(r.ok && r.request.actions.map((a) => [a.action, a.base?.name ?? null])).toEqual([['refresh', null], ['install', 'NA']]);
    expect(r.ok && r.request.context[0]).toMatchObject({ id: 'i', revision: 3, 'tracking-channel': 'stable' });
    expect(parse({ context: [], actions: [], metrics: {} })).toEqual({ ok: true, request: { context: [], actions: [] } });
  });
  it('refuses what cannot be answered: not JSON, wrong types, duplicate keys', () => {
    for (const bad of ['nope', [], { actions: 3 }, { actions: [{ action: 'install' }] }, { actions: [{ action: 'install', 'instance-key': 'k', revision: '3' }] }, { actions: [{ action: 'install', 'instance-key': 'k', base: 'ubuntu' }] }, { actions: [{ action: 'install', 'instance-key': 'k' }, { action: 'install', 'instance-key': 'k' }] }, { context: [{ id: 'x' }], actions: [] }]) {
      expect(parse(bad).ok, JSON.stringify(bad)).toBe(false);
    }
  });
});
