// The core, proven by real clients in the private loopback world: curl over HTTP, HTTPS, as an
// explicit proxy and through CONNECT; openssl checking the chain and the name; a fake upstream on
// another loopback address reached through --upstream-resolve.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCa } from '../../src/tls/ca.js';
import { LeafIssuer } from '../../src/tls/leaf-issuer.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { cliPath, run, startServe, type ServeHandle } from './harness.js';

const UPSTREAM = '127.0.0.2';
const UPORT = 8080;
const TLS_UPORT = 8443;
const resolveFlags = [
  ...['images.maas.io', 'archive.ubuntu.com'].flatMap((h) => ['--upstream-resolve', `${h}=${UPSTREAM}:${UPORT}`]),
  '--upstream-resolve',
  `api.snapcraft.io=${UPSTREAM}:${TLS_UPORT}`,
];

const squash = Buffer.from(Array.from({ length: 3_000_000 }, (_, i) => (i * 31) % 256));
let upstream: FakeUpstream;
let store: FakeUpstream;
let online: ServeHandle;
let upstreamCaFile: string;

beforeAll(async () => {
  upstream = new FakeUpstream()
    .put('/ephemeral-v3/stable/noble/amd64/squashfs', { body: squash, dripMs: 5 })
    .put('/ubuntu/dists/noble/InRelease', { body: Buffer.from('-----BEGIN PGP SIGNED MESSAGE-----\n'), contentType: 'text/plain' });
  await upstream.listen(UPORT, UPSTREAM);
  // The HTTPS upstream has its own CA, trusted by the appliance only through NODE_EXTRA_CA_CERTS.
  const upstreamCerts = mkdtempSync(join(tmpdir(), 'agc-upstream-ca-'));
  const upstreamCa = ensureCa(upstreamCerts, 'fake store CA');
  const leaf = new LeafIssuer(upstreamCa, upstreamCerts).certificateFor('api.snapcraft.io');
  upstreamCaFile = join(upstreamCerts, 'ca.crt');
  store = new FakeUpstream().put('/api/v1/snaps/download/HelloHelloHelloHelloHelloHello01_1.snap', { body: Buffer.from('{"name":"hello"}'), contentType: 'application/json' });
  await store.listen(TLS_UPORT, UPSTREAM, { cert: leaf.certPem, key: readFileSync(join(upstreamCerts, 'leaf', 'leaf.key'), 'utf8') });
  online = await startServe({ args: ['--mode', 'online', ...resolveFlags], env: { NODE_EXTRA_CA_CERTS: upstreamCaFile } });
});

afterAll(async () => {
  await online?.stop();
  await upstream?.close();
  await store?.close();
});

const curl = (args: string[], env: NodeJS.ProcessEnv = {}) => run('curl', ['-sS', '--max-time', '20', ...args], { env });

describe('core, online, real clients', () => {
  it('curl by the upstream name: a miss is fetched once, streamed, then served from the cache', async () => {
    const url = 'http://images.maas.io/ephemeral-v3/stable/noble/amd64/squashfs';
    const [a, b] = await Promise.all([
      run('curl', ['-sS', '-o', '-', '-w', '%{http_code}', url], {}),
      run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{size_download}', url]),
    ]);
    expect(b.stdout).toBe('200 3000000');
    expect(a.code).toBe(0);
    const c = await run('sh', ['-c', `curl -sS ${url} | sha256sum`]);
    const { createHash } = await import('node:crypto');
    expect(c.stdout.split(' ')[0]).toBe(createHash('sha256').update(squash).digest('hex'));
    expect(upstream.count('/ephemeral-v3/stable/noble/amd64/squashfs')).toBe(1);
    const range = await curl(['-r', '100-199', '-o', '/dev/null', '-w', '%{http_code} %{size_download}', url]);
    expect(range.stdout).toBe('206 100');
  });

  it('HTTPS: curl and openssl verify a certificate for exactly that name, chained to the appliance CA', async () => {
    const caFile = join(online.certsDir, 'ca.crt');
    const r = await curl(['--cacert', caFile, '-o', '-', '-w', ' %{http_code}', 'https://api.snapcraft.io/api/v1/snaps/download/HelloHelloHelloHelloHelloHello01_1.snap']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"name":"hello"} 200');
    expect(store.count('/api/v1/snaps/download/HelloHelloHelloHelloHelloHello01_1.snap')).toBe(1);
    const s = await run('openssl', ['s_client', '-connect', '127.0.0.1:443', '-servername', 'api.snapcraft.io', '-verify_return_error', '-verify_hostname', 'api.snapcraft.io', '-CAfile', caFile], { input: '' });
    expect(s.stdout).toContain('Verify return code: 0 (ok)');
    const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(s.stdout)?.[0] ?? '';
    const s2 = await run('sh', ['-c', 'openssl s_client -connect 127.0.0.1:443 -servername api.snapcraft.io -showcerts </dev/null 2>/dev/null | openssl x509 -noout -ext subjectAltName']);
    expect(pem).not.toBe('');
    expect(s2.stdout).toMatch(/DNS:api\.snapcraft\.io\s*$/);
    const wrong = await run('openssl', ['s_client', '-connect', '127.0.0.1:443', '-servername', 'api.snapcraft.io', '-verify_return_error', '-verify_hostname', 'api.charmhub.io', '-CAfile', caFile], { input: '' });
    expect(wrong.stdout + wrong.stderr).not.toContain('Verify return code: 0 (ok)');
    const fail = await curl(['-o', '/dev/null', 'https://api.snapcraft.io/']);
    expect(fail.code).toBe(60);
  });

  it('explicit proxy use: absolute-form over HTTP, and CONNECT intercepted with the same certificates', async () => {
    await curl(['-o', '/dev/null', 'http://archive.ubuntu.com/ubuntu/dists/noble/InRelease']);
    const viaProxy = await curl(['-o', '-', '-w', '\n%{http_code}', 'http://archive.ubuntu.com/ubuntu/dists/noble/InRelease'], { http_proxy: 'http://127.0.0.1:80' });
    expect(viaProxy.stdout).toBe('-----BEGIN PGP SIGNED MESSAGE-----\n\n200');
    const caFile = join(online.certsDir, 'ca.crt');
    const viaConnect = await curl(['--cacert', caFile, '-o', '-', '-w', ' %{http_code}', '-x', 'http://127.0.0.1:80', 'https://api.snapcraft.io/api/v1/snaps/download/HelloHelloHelloHelloHelloHello01_1.snap']);
    expect(viaConnect.code).toBe(0);
    expect(viaConnect.stdout).toBe('{"name":"hello"} 200');
    expect(store.count('/api/v1/snaps/download/HelloHelloHelloHelloHelloHello01_1.snap')).toBe(1);
    expect(upstream.count('/ubuntu/dists/noble/InRelease')).toBe(1);
  });

  it('never a relay: other hosts are refused directly, as a proxy and through CONNECT', async () => {
    const direct = await curl(['-o', '/dev/null', '-w', '%{http_code}', '--resolve', 'example.com:80:127.0.0.1', 'http://example.com/']);
    expect(direct.stdout).toBe('421');
    const proxied = await curl(['-o', '/dev/null', '-w', '%{http_code}', '-x', 'http://127.0.0.1:80', `http://${UPSTREAM}:${UPORT}/ubuntu/dists/noble/InRelease`]);
    expect(proxied.stdout).toBe('403');
    const tunnel = await curl(['-o', '/dev/null', '-w', '%{http_code}', '-x', 'http://127.0.0.1:80', 'https://example.com/']);
    expect(tunnel.code).not.toBe(0);
    expect(upstream.requests.every((r) => r.headers.host !== `${UPSTREAM}:${UPORT}`)).toBe(true);
  });

  it('ca cert prints the CA the doors use; the key is 0600', async () => {
    const r = await run(process.execPath, [cliPath, 'ca', 'cert', '--certs-dir', online.certsDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(online.certsDir, 'ca.crt'), 'utf8'));
    expect(statSync(join(online.certsDir, 'ca.key')).mode & 0o777).toBe(0o600);
  });
});

describe('core, offline', () => {
  it('a miss is a clean 404 and nothing leaves the box', async () => {
    await online.stop();
    const before = upstream.requests.length;
    const offline = await startServe({ dataDir: online.dataDir, args: resolveFlags });
    try {
      const hit = await curl(['-o', '/dev/null', '-w', '%{http_code} %{size_download}', 'http://images.maas.io/ephemeral-v3/stable/noble/amd64/squashfs']);
      expect(hit.stdout).toBe('200 3000000');
      const miss = await curl(['-o', '/dev/null', '-w', '%{http_code}', 'http://images.maas.io/ephemeral-v3/stable/other']);
      expect(miss.stdout).toBe('404');
      expect(upstream.requests.length).toBe(before);
    } finally {
      await offline.stop();
    }
  });
});
