import { describe, expect, it } from 'vitest';
import { parseRefreshRequest } from '../../../src/sites/snap/refresh-request.js';

const body = (o: unknown) => Buffer.from(JSON.stringify(o));

describe('refresh request bodies', () => {
  it('reads the captured snap download body, unknown fields and all', () => {
    const r = parseRefreshRequest(body({ context: [], actions: [{ action: 'download', 'instance-key': 'download-1', name: 'hello-world', epoch: null }], fields: ['download'], future: 1 }));
    expect(r.ok && r.request.actions[0]).toMatchObject({ action: 'download', 'instance-key': 'download-1', name: 'hello-world' });
    expect(r.ok && r.request.context).toEqual([]);
  });
  it('a null context is empty; a refresh carries its context', () => {
    const r = parseRefreshRequest(body({ context: null, actions: null }));
    expect(r.ok && [r.request.context, r.request.actions]).toEqual([[], []]);
    const ref = parseRefreshRequest(body({ context: [{ 'snap-id': 'S', 'instance-key': 'S', revision: 29, 'tracking-channel': 'latest/stable', epoch: { read: [0], write: [0] } }], actions: [{ action: 'refresh', 'instance-key': 'S', 'snap-id': 'S' }] }));
    expect(ref.ok && ref.request.context[0]).toMatchObject({ revision: 29, 'tracking-channel': 'latest/stable' });
  });
  it('says what is wrong with a body that is not a request', () => {
    expect(parseRefreshRequest(Buffer.from('{'))).toEqual({ ok: false, problem: 'the request body is not JSON' });
    expect(parseRefreshRequest(undefined)).toMatchObject({ ok: false });
    expect(parseRefreshRequest(body({ actions: [{ action: 'install', revision: 'x' }] }))).toMatchObject({ ok: false, problem: expect.stringMatching(/^actions\.0\.revision/) });
  });
});
