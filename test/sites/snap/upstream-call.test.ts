import { describe, expect, it } from 'vitest';
import type { SiteRequest } from '../../../src/sites/site.js';
import { answerHeaders, upstreamCall } from '../../../src/sites/snap/upstream-call.js';

const group = { name: 'snap-store', site: 'snap' as const, namespace: 'snap-store', hosts: ['api.snapcraft.io'], upstream: 'https://api.snapcraft.io' };

describe('what goes upstream', () => {
  it('passes method, path, query, body and only the headers the store reads', () => {
    const req: SiteRequest = {
      method: 'POST', host: 'api.snapcraft.io', group, path: '/v2/snaps/refresh', query: 'a=1', body: Buffer.from('{}'),
      headers: { host: 'api.snapcraft.io', 'user-agent': 'snapd/2.57.6', accept: 'application/json', 'content-type': 'application/json', 'snap-device-architecture': 'armhf', 'snap-device-series': '16', 'snap-classic': 'true', 'snap-accept-delta-format': 'xdelta3', 'x-ubuntu-wire-protocol': '1', authorization: 'Macaroon x', cookie: 'no', 'x-forwarded-for': '1.2.3.4' },
    };
    expect(upstreamCall(req)).toEqual({
      method: 'POST', path: '/v2/snaps/refresh', query: 'a=1', body: Buffer.from('{}'),
      headers: { 'user-agent': 'snapd/2.57.6', accept: 'application/json', 'content-type': 'application/json', 'snap-device-architecture': 'armhf', 'snap-device-series': '16', 'snap-classic': 'true', 'x-ubuntu-wire-protocol': '1', authorization: 'Macaroon x' },
    });
  });
  it('passes back the store headers snapd reads, with our content type', () => {
    expect(answerHeaders({ 'snap-store-version': '61', 'set-cookie': 'x', 'x-oops-id': 'o' }, 'application/json')).toEqual({ 'content-type': 'application/json', 'snap-store-version': '61', 'x-oops-id': 'o' });
  });
});
