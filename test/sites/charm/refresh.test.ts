import { describe, expect, it } from 'vitest';
import { refreshLocal } from '../../../src/sites/charm/refresh.js';
import { jammy, PG_ID } from '../../helpers/charm-records.js';
import { charmRequest, parse, seeded } from './fixtures.js';

const post = (body: unknown) => charmRequest('POST', '/v2/charms/refresh', { body });

describe('refresh composed from the cache', () => {
  it('one result per action with its key; errors per action with codes Juju maps', async () => {
    const { ctx } = await seeded();
    const r = await refreshLocal(
      post({
        context: [{ 'instance-key': 'r', id: PG_ID, revision: 468, base: jammy, 'tracking-channel': '14/edge' }],
        actions: [
          { action: 'refresh', 'instance-key': 'r', id: PG_ID, base: null },
          { action: 'download', 'instance-key': 'd', id: PG_ID, channel: '14/stable', base: jammy },
          { action: 'install', 'instance-key': 'n', name: 'nope', channel: 'stable', base: jammy },
          { action: 'refresh', 'instance-key': 'x', id: PG_ID, base: null },
          { action: 'refresh', 'instance-key': 'b', name: 'pg-bundle', id: 'QnVuZGxlQnVuZGxlQnVuZGxlQnVuZGxl', base: null },
          { action: 'fetch', 'instance-key': 'f', name: 'postgresql', base: null },
        ],
      }),
      ctx,
    );
    expect([r.status, r.headers]).toEqual([200, { 'content-type': 'application/json' }]);
    const results = parse(r.body).results as { 'instance-key': string; result: string; charm?: { revision: number }; error?: { code: string } }[];
    expect(results.map((x) => [x['instance-key'], x.result, x.charm?.revision ?? x.error?.code])).toEqual([
      ['r', 'refresh', 470],
      ['d', 'download', 468],
      ['n', 'error', 'name-not-found'],
      ['x', 'error', 'missing-context'],
      ['b', 'error', 'missing-context'],
      ['f', 'error', 'bad-argument'],
    ]);
  });
  it('metrics only: 200 with no results; a malformed body: 400 bad-argument', async () => {
    const { ctx } = await seeded();
    expect(parse((await refreshLocal(post({ context: [], actions: [], metrics: { model: { units: '3' } } }), ctx)).body)).toEqual({ 'error-list': [], results: [] });
    const bad = await refreshLocal(charmRequest('POST', '/v2/charms/refresh', { body: Buffer.from('[') }), ctx);
    expect([bad.status, parse(bad.body)['error-list'][0].code]).toEqual([400, 'bad-argument']);
  });
});
