import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { splitAssertions } from '../../../src/sites/snap/assertion.js';
import { assertionFromUpstream, assertionLocal, maxFormat } from '../../../src/sites/snap/assertions.js';
import type { Store } from '../../../src/store/store.js';
import { HELLO_ID, helloAssert, NS, storeContext } from '../../helpers/snap-records.js';
import { seededStore } from './fixtures.js';

let store: Store;
beforeEach(async () => {
  store = await seededStore();
});
afterEach(() => store.close());

const decl = `/v2/assertions/snap-declaration/16/${HELLO_ID}`;

describe('GET /v2/assertions/… ', () => {
  it('serves the stored assertion byte for byte as application/x.ubuntu.assertion', async () => {
    const r = await assertionLocal(storeContext(store), NS, decl, new URLSearchParams('max-format=5'));
    expect(r.status).toBe(200);
    expect(r.headers).toEqual({ 'content-type': 'application/x.ubuntu.assertion' });
    expect(Buffer.from(r.body).equals(splitAssertions(helloAssert())[2]!.encoded)).toBe(true);
  });

  it('a missing one, or one in a newer format than max-format, is the 404 JSON error list', async () => {
    const missing = await assertionLocal(storeContext(store), NS, '/v2/assertions/account/nobody', new URLSearchParams());
    expect([missing.status, missing.headers?.['content-type']]).toEqual([404, 'application/json']);
    expect(JSON.parse(missing.body.toString())['error-list'][0].code).toBe('not-found');
    expect(maxFormat(new URLSearchParams('max-format=0'))).toBe(0);
    expect(maxFormat(new URLSearchParams())).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('online: a valid upstream assertion at its own path is passed on and kept unless an as-new one is stored', async () => {
    const [key, account] = splitAssertions(helloAssert());
    const ok = { status: 200, headers: { 'content-type': 'application/x.ubuntu.assertion' }, body: Buffer.concat([account!.encoded, Buffer.from('\n')]) };
    const path = `/v2/assertions/account/${account!.headers['account-id']}`;
    const fresh = await assertionFromUpstream(storeContext(store), NS, '/v2/assertions/account/someone-else', ok);
    expect(fresh.keep).toBeUndefined();
    const same = await assertionFromUpstream(storeContext(store), NS, path, ok);
    expect(same.reply.status).toBe(200);
    expect(same.keep).toBeUndefined();
    store.remove(NS, path);
    const kept = await assertionFromUpstream(storeContext(store), NS, path, ok);
    expect(kept.keep).toEqual([{ path, bytes: account!.encoded, contentType: 'application/x.ubuntu.assertion' }]);
    expect(key!.type).toBe('account-key');
  });

  it('online: upstream errors are passed on as JSON; garbage is a not-found', async () => {
    const nf = await assertionFromUpstream(storeContext(store), NS, decl, { status: 404, headers: { 'content-type': 'application/problem+json' }, body: Buffer.from('{"error-list":[]}') });
    expect(nf.reply).toEqual({ status: 404, headers: { 'content-type': 'application/problem+json' }, body: Buffer.from('{"error-list":[]}') });
    const html = await assertionFromUpstream(storeContext(store), NS, decl, { status: 403, headers: { 'content-type': 'text/html' }, body: Buffer.from('<html>') });
    expect([html.reply.status, html.reply.headers?.['content-type']]).toEqual([403, 'application/json']);
    const junk = await assertionFromUpstream(storeContext(store), NS, decl, { status: 200, headers: {}, body: Buffer.from('junk') });
    expect(junk.reply.status).toBe(404);
  });
});
