import type { LookupAddress } from 'node:dns';
import { createServer } from 'node:http';
import type { LookupFunction } from 'node:net';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { createUpstreamAgent } from '../../src/upstream/agent.js';
import { refuseSelf } from '../../src/upstream/self-guard.js';

const fixed = (addresses: LookupAddress[]): LookupFunction =>
  ((_h: string, _o: unknown, cb: (e: null, a: LookupAddress[]) => void) => cb(null, addresses)) as unknown as LookupFunction;

function ask(lookup: LookupFunction, all: boolean): Promise<{ err: Error | null; result: unknown }> {
  return new Promise((resolve) => lookup('archive.ubuntu.com', { all }, (err, result) => resolve({ err, result })));
}

describe('refuseSelf', () => {
  it('refuses a name that resolves to an address the appliance advertises, naming both', async () => {
    const guarded = refuseSelf(['10.0.0.5'], fixed([{ address: '10.0.0.5', family: 4 }]));
    const { err } = await ask(guarded, false);
    expect(err?.message).toMatch(/upstream archive.ubuntu.com resolves to 10.0.0.5, an address this appliance answers DNS with: it would fetch from itself/);
    expect(err).toMatchObject({ code: 'AGC_ERR_UPSTREAM' });
  });

  it('passes other addresses through, one or all', async () => {
    const guarded = refuseSelf(['10.0.0.5', 'fd00::5'], fixed([{ address: '91.189.91.81', family: 4 }, { address: '2620:2d:4000:1::16', family: 6 }]));
    expect(await ask(guarded, false)).toEqual({ err: null, result: '91.189.91.81' });
    expect((await ask(guarded, true)).result).toEqual([{ address: '91.189.91.81', family: 4 }, { address: '2620:2d:4000:1::16', family: 6 }]);
    const v6 = refuseSelf(['FD00::5'], fixed([{ address: 'fd00::5', family: 6 }]));
    expect((await ask(v6, true)).err?.message).toMatch(/fetch from itself/);
  });

  it('the upstream agent fails a fetch whose name loops back instead of connecting to itself', async () => {
    let hits = 0;
    const server = createServer((_q, s) => {
      hits += 1;
      s.end('loop');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const agent = createUpstreamAgent({ upstreamResolve: {}, selfAddresses: ['127.0.0.1', '::1'], connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000 });
    try {
      await expect(request(`http://localhost:${port}/`, { dispatcher: agent })).rejects.toThrow(/fetch from itself/);
      expect(hits).toBe(0);
      // An address given outright (as --upstream-resolve does) is not a lookup and is not refused.
      const direct = await request(`http://127.0.0.1:${port}/`, { dispatcher: agent });
      expect(await direct.body.text()).toBe('loop');
    } finally {
      await agent.close();
      server.close();
    }
  });
});
