import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { ensureCa } from '../../src/tls/ca.js';
import { LeafIssuer } from '../../src/tls/leaf-issuer.js';
import { createUpstreamAgent } from '../../src/upstream/agent.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { tempDir } from '../helpers/tmp.js';

const distAgent = new URL('../../dist/upstream/agent.js', import.meta.url).pathname;

describe('upstream agent', () => {
  it('reaches a host at the --upstream-resolve address and port, sending the real Host', async () => {
    const fake = new FakeUpstream().put('/x', 'via override');
    const port = await fake.listen();
    const agent = createUpstreamAgent({ upstreamResolve: { 'mirror.invalid': `127.0.0.1:${port}` }, connectTimeoutMs: 1000, headersTimeoutMs: 1000, bodyTimeoutMs: 1000 });
    const res = await request('http://mirror.invalid/x', { dispatcher: agent });
    expect(await res.body.text()).toBe('via override');
    expect(fake.requests[0]!.headers.host).toBe('mirror.invalid');
    await agent.close();
    await fake.close();
  });

  it('follows upstream redirects (CDN hops) through the same overrides', async () => {
    const fake = new FakeUpstream().put('/blob', 'from the cdn');
    const port = await fake.listen();
    const { createServer } = await import('node:http');
    const redirector = createServer((_req, res) => res.writeHead(302, { location: `http://cdn.invalid:${port}/blob` }).end());
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    const rport = (redirector.address() as AddressInfo).port;
    const agent = createUpstreamAgent({ upstreamResolve: { 'api.invalid': `127.0.0.1:${rport}`, 'cdn.invalid': '127.0.0.1' }, connectTimeoutMs: 1000, headersTimeoutMs: 1000, bodyTimeoutMs: 1000 });
    const res = await request('http://api.invalid/download', { dispatcher: agent });
    expect(await res.body.text()).toBe('from the cdn');
    await agent.close();
    redirector.close();
    await fake.close();
  });

  it('trusts Node roots plus NODE_EXTRA_CA_CERTS for HTTPS upstreams, and nothing else', async () => {
    const certsDir = tempDir();
    const ca = ensureCa(certsDir, 'test upstream CA');
    const leaf = new LeafIssuer(ca, certsDir).certificateFor('api.snapcraft.io');
    const server = createHttpsServer({ cert: leaf.certPem, key: readFileSync(join(certsDir, 'leaf', 'leaf.key')) }, (_req, res) => res.end('store answer'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const caFile = join(certsDir, 'extra.pem');
    writeFileSync(caFile, ca.certPem);
    const script = `
      const { createUpstreamAgent } = await import(${JSON.stringify(distAgent)});
      const { request } = await import('undici');
      const agent = createUpstreamAgent({ upstreamResolve: { 'api.snapcraft.io': '127.0.0.1:${port}' }, connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000 });
      try { const r = await request('https://api.snapcraft.io/v2/snaps/info/x', { dispatcher: agent }); console.log('OK', await r.body.text()); }
      catch (e) { console.log('FAIL', e.code ?? e.message); }
      await agent.close();`;
    const runChild = (env: NodeJS.ProcessEnv) =>
      new Promise<string>((resolve) => execFile(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env }, cwd: new URL('../..', import.meta.url).pathname }, (_e, out) => resolve(out.trim())));
    expect(await runChild({ NODE_EXTRA_CA_CERTS: caFile })).toBe('OK store answer');
    expect(await runChild({ NODE_EXTRA_CA_CERTS: '' })).toMatch(/^FAIL (UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|.*certificate)/);
    server.close();
  });

  it('never passes a custom ca list to undici (the roots are added to, never replaced)', () => {
    const src = readFileSync(new URL('../../src/upstream/agent.ts', import.meta.url), 'utf8');
    expect(src).not.toMatch(/\bca\s*:/);
  });
});
