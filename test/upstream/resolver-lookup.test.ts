import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { defaultHostGroups, type HostGroup } from '../../src/config/schema.js';
import { Answerer } from '../../src/dns/answerer.js';
import { Responder } from '../../src/dns/responder.js';
import { startDnsServer, type DnsServer } from '../../src/dns/server.js';
import { silentLogger } from '../../src/log.js';
import { createUpstreamAgent } from '../../src/upstream/agent.js';
import { resolverLookup } from '../../src/upstream/resolver-lookup.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** A resolver on loopback that knows upstream.test (A and AAAA) and v4only.test (A only). */
async function resolver(): Promise<string> {
  const groups: HostGroup[] = [
    { name: 'u', site: 'generic', namespace: 'u', hosts: ['upstream.test'], upstream: 'http://upstream.test' },
    ...defaultHostGroups(),
  ];
  const both = new Answerer({ hostGroups: groups, ipv4: ['127.0.0.1'], ipv6: ['::1'], ttl: 5, forwarding: false, isAllowed: () => true });
  const server: DnsServer = await startDnsServer('127.0.0.1', 0, new Responder(both, undefined, silentLogger()), silentLogger());
  closers.push(() => server.close());
  return `127.0.0.1:${server.port}`;
}

function lookup(fn: ReturnType<typeof resolverLookup>, host: string, options: Parameters<ReturnType<typeof resolverLookup>>[1]) {
  return new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family?: number }>((r) => fn(host, options, (err, address, family) => r({ err, address, family })));
}

describe('resolverLookup', () => {
  it('asks the configured resolvers, for one address or all of them', async () => {
    const fn = resolverLookup([await resolver()]);
    expect(await lookup(fn, 'upstream.test', { all: true })).toMatchObject({
      err: null,
      address: [
        { address: '127.0.0.1', family: 4 },
        { address: '::1', family: 6 },
      ],
    });
    expect(await lookup(fn, 'upstream.test', { family: 4 })).toMatchObject({ err: null, address: '127.0.0.1', family: 4 });
    expect(await lookup(fn, 'upstream.test', { family: 6 })).toMatchObject({ err: null, address: '::1', family: 6 });
    expect(await lookup(fn, '192.0.2.1', {})).toMatchObject({ err: null, address: '192.0.2.1', family: 4 });
  });

  it('fails the way the system resolver would for an unknown name', async () => {
    const fn = resolverLookup([await resolver()]);
    const r = await lookup(fn, 'missing.upstream.test', {});
    expect(r.err?.code).toBe('ENOTFOUND');
  });
});

describe('upstream agent with resolvers', () => {
  async function web(): Promise<number> {
    const server: Server = createServer((_req, res) => res.end('from upstream'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    closers.push(() => new Promise((r) => server.close(r)));
    return (server.address() as AddressInfo).port;
  }
  const agent = (opts: Partial<Parameters<typeof createUpstreamAgent>[0]>) => {
    const d = createUpstreamAgent({ upstreamResolve: {}, connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000, ...opts });
    closers.push(() => d.close());
    return d;
  };

  it('resolves upstream names through the configured resolvers (the system resolver knows no upstream.test)', async () => {
    const port = await web();
    const res = await request(`http://upstream.test:${port}/`, { dispatcher: agent({ resolvers: [await resolver()] }) });
    expect(await res.body.text()).toBe('from upstream');
  });

  it('lets --upstream-resolve win over the resolvers', async () => {
    const port = await web();
    const res = await request('http://upstream.test:9/', { dispatcher: agent({ resolvers: ['127.0.0.1:9'], upstreamResolve: { 'upstream.test': `127.0.0.1:${port}` } }) });
    expect(await res.body.text()).toBe('from upstream');
  });
});
