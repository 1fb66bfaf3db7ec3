import { describe, expect, it } from 'vitest';
import { CharmhubClient, INFO_FIELDS, REFRESH_FIELDS } from '../../../src/seed/charm/charmhub-client.js';
import { AgcError } from '../../../src/errors.js';
import type { ApiCall } from '../../../src/upstream/api-call.js';

const reply = (status: number, doc: unknown) => ({ status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(doc)) });

describe('the seeder speaks to Charmhub as Juju does', () => {
  it('info with Juju headers and field list; 404 is no such name', async () => {
    const calls: ApiCall[] = [];
    const c = new CharmhubClient(async (call) => (calls.push(call), call.url.includes('/nope?') ? reply(404, { 'error-list': [{ code: 'not-found', message: 'x' }] }) : reply(200, { type: 'charm', id: 'i', name: 'pg' })), 'https://api.charmhub.io');
    expect(await c.info('pg')).toMatchObject({ name: 'pg' });
    expect(await c.info('nope')).toBeUndefined();
    expect(calls[0]!.headers).toEqual({ accept: 'application/json', 'content-type': 'application/json', 'user-agent': 'Juju/3.6.10' });
    expect(new URL(calls[0]!.url).searchParams.get('fields')!.split(',')).toEqual(INFO_FIELDS);
  });

  it('install actions: context [], a channel or a revision, base as given (null by revision), results matched by instance key', async () => {
    let body: Record<string, unknown> = {};
    const c = new CharmhubClient(async (call) => {
      body = JSON.parse(call.body!.toString());
      return reply(200, { 'error-list': [], results: [{ 'instance-key': 'seed-2', result: 'install', id: 'b' }] });
    }, 'https://api.charmhub.io');
    const base = { architecture: 'amd64', name: 'ubuntu', channel: '22.04' };
    const r = await c.install([{ name: 'a', channel: '14/stable', base }, { name: 'b', revision: 3, base: null }]);
    expect(body).toEqual({
      context: [],
      actions: [
        { action: 'install', 'instance-key': 'seed-1', name: 'a', channel: '14/stable', base },
        { action: 'install', 'instance-key': 'seed-2', name: 'b', revision: 3, base: null },
      ],
      fields: REFRESH_FIELDS,
    });
    expect(r[0]).toMatchObject({ result: 'error', error: { code: 'no-result' } });
    expect(r[1]).toMatchObject({ result: 'install', id: 'b' });
  });

  it('a 5xx is tried again; a 4xx is an error naming Charmhub\'s message', async () => {
    let n = 0;
    const flaky = new CharmhubClient(async () => (++n < 2 ? reply(503, {}) : reply(200, { results: [] })), 'https://h', 3, 1);
    await flaky.install([]);
    expect(n).toBe(2);
    const bad = new CharmhubClient(async () => reply(400, { 'error-list': [{ code: 'bad-argument', message: 'no actions' }] }), 'https://h', 1, 1);
    await expect(bad.install([])).rejects.toThrow(/answered 400: no actions/);
    const broken = new CharmhubClient(async () => {
      throw new AgcError('AGC_ERR_UPSTREAM', 'reset');
    }, 'https://h', 2, 1);
    await expect(broken.info('x')).rejects.toThrow(/reset/);
  });
});
