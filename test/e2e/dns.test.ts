// The DNS responder, proven with real dig (and getent, curl) in the private loopback world:
// appliance A (127.0.0.1:53, online, forwarding to a fake site resolver on 127.0.0.53:53 for
// 127.0.0.1 only) and appliance B (127.0.0.3:53, 40 advertised addresses, no forwarders).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { answerWithA, questionOf, startFakeResolver, type FakeResolver } from '../dns/net.js';
import { run, startServe, type ServeHandle } from './harness.js';

const SITE_DNS = '127.0.0.53';
const UPSTREAM = '127.0.0.2';
const many = Array.from({ length: 40 }, (_, i) => `10.9.0.${i + 1}`);

let site: FakeResolver;
let upstream: FakeUpstream;
let a: ServeHandle;
let b: ServeHandle;

function configFile(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'agc-dns-conf-')), 'config.yaml');
  writeFileSync(file, yaml);
  return file;
}

beforeAll(async () => {
  // The site's own DNS: knows www.example.org, and where the real upstreams are (127.0.0.2).
  site = await startFakeResolver(
    (q) => {
      const { name, type } = questionOf(q);
      const lower = name.toLowerCase();
      if (lower === 'www.example.org') return answerWithA(q, '198.51.100.7', { nodata: type !== 1 });
      if (lower === 'images.maas.io') return answerWithA(q, UPSTREAM, { nodata: type !== 1 });
      return answerWithA(q, '0.0.0.0', { rcode: 3 });
    },
    SITE_DNS,
    53,
  );
  upstream = new FakeUpstream().put('/streams/v1/index.json', { body: Buffer.from('{"index":{}}'), contentType: 'application/json' });
  await upstream.listen(80, UPSTREAM);
  a = await startServe({
    args: ['--mode', 'online', '--listen', '127.0.0.1', '--config', configFile(`dns:\n  ttl: 30\n  forwarders: ["${SITE_DNS}"]\n  allowedNetworks: [127.0.0.1/32]\n`)],
  });
  b = await startServe({
    args: ['--listen', '127.0.0.3', '--admin-listen', '127.0.0.3:9180', ...many.flatMap((ip) => ['--advertise', ip])],
  });
});

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await site?.close();
  await upstream?.close();
});

async function dig(...args: string[]): Promise<string> {
  const r = await run('dig', ['+time=2', '+tries=1', ...args]);
  expect(r.code, r.stderr + r.stdout).toBe(0);
  return r.stdout;
}

const status = (out: string) => /status: (\w+)/.exec(out)?.[1];
const count = (out: string, section: string) => Number(new RegExp(`${section}: (\\d+)`).exec(out)?.[1]);
const flags = (out: string) => /;; flags: ([^;]*);/.exec(out)?.[1]?.trim().split(/\s+/) ?? [];

describe('DNS responder, real dig', () => {
  it('is announced in the ready line', () => {
    expect(a.readyLine).toContain('dns 127.0.0.1:53');
    expect(b.readyLine).toContain('dns 127.0.0.3:53');
  });

  it('A: an intercepted name gets the appliance address, authoritatively, with the configured TTL', async () => {
    const out = await dig('@127.0.0.1', 'archive.ubuntu.com', 'A');
    expect(status(out)).toBe('NOERROR');
    expect(flags(out)).toContain('aa');
    expect(out).toMatch(/^archive\.ubuntu\.com\.\s+30\s+IN\s+A\s+127\.0\.0\.1$/m);
  });

  it('AAAA: NODATA (no answer, an SOA) when no IPv6 address is advertised', async () => {
    const out = await dig('@127.0.0.1', 'images.maas.io', 'AAAA');
    expect(status(out)).toBe('NOERROR');
    expect(count(out, 'ANSWER')).toBe(0);
    expect(out).toMatch(/^images\.maas\.io\.\s+30\s+IN\s+SOA\s+images\.maas\.io\. hostmaster\.images\.maas\.io\./m);
  });

  it('wildcards: any name under *.archive.ubuntu.com and the snap CDNs', async () => {
    expect((await dig('@127.0.0.1', '+short', 'mirror-42.archive.ubuntu.com')).trim()).toBe('127.0.0.1');
    expect((await dig('@127.0.0.1', '+short', 'a.b.cdn.snapcraftcontent.com')).trim()).toBe('127.0.0.1');
  });

  it('NXDOMAIN for unlisted names under an intercepted name', async () => {
    const out = await dig('@127.0.0.1', 'nope.images.maas.io');
    expect(status(out)).toBe('NXDOMAIN');
    expect(flags(out)).toContain('aa');
  });

  it('keeps the 0x20 case of the question and echoes EDNS', async () => {
    const out = await dig('@127.0.0.1', 'ArChIvE.UbUnTu.CoM');
    expect(out).toMatch(/^ArChIvE\.UbUnTu\.CoM\.\s+30\s+IN\s+A\s+127\.0\.0\.1$/m);
    expect(out).toMatch(/EDNS: version: 0, flags:; udp: 1232/);
    expect(await dig('@127.0.0.1', '+noedns', 'archive.ubuntu.com')).not.toContain('OPT PSEUDOSECTION');
  });

  it('forwards other names to the site resolver and relays its answers, NXDOMAIN included', async () => {
    const before = site.received.length;
    const out = await dig('@127.0.0.1', 'www.example.org');
    expect(status(out)).toBe('NOERROR');
    expect(out).toMatch(/^www\.example\.org\.\s+30\s+IN\s+A\s+198\.51\.100\.7$/m);
    expect(flags(out)).not.toContain('aa');
    expect(status(await dig('@127.0.0.1', 'missing.example.org'))).toBe('NXDOMAIN');
    expect(site.received.length - before).toBe(2);
  });

  it('REFUSED: other names from a client outside allowedNetworks, and anything with no forwarders', async () => {
    const before = site.received.length;
    expect(status(await dig('-b', '127.0.0.9', '@127.0.0.1', 'www.example.org'))).toBe('REFUSED');
    expect((await dig('-b', '127.0.0.9', '@127.0.0.1', '+short', 'archive.ubuntu.com')).trim()).toBe('127.0.0.1');
    expect(status(await dig('@127.0.0.3', 'www.example.org'))).toBe('REFUSED');
    expect(site.received.length).toBe(before);
  });

  it('TCP: answers, forwards over TCP, and takes several queries on one connection', async () => {
    expect((await dig('@127.0.0.1', '+tcp', '+short', 'api.snapcraft.io')).trim()).toBe('127.0.0.1');
    const fwd = await dig('@127.0.0.1', '+tcp', 'www.example.org');
    expect(fwd).toMatch(/IN\s+A\s+198\.51\.100\.7$/m);
    expect(site.received.at(-1)!.transport).toBe('tcp');
    const out = await dig('@127.0.0.1', '+tcp', '+keepopen', '+short', 'archive.ubuntu.com', 'images.maas.io', 'AAAA', 'api.charmhub.io');
    expect(out.trim().split('\n')).toEqual(['127.0.0.1', '127.0.0.1']);
  });

  it('truncation: TC on UDP when the answer passes 512 bytes, then the full answer over TCP', async () => {
    const udp = await dig('@127.0.0.3', '+noedns', '+ignore', 'archive.ubuntu.com');
    expect(flags(udp)).toContain('tc');
    expect(count(udp, 'ANSWER')).toBe(0);
    const retried = await dig('@127.0.0.3', '+noedns', 'archive.ubuntu.com');
    expect(retried).toContain('Truncated, retrying in TCP mode');
    expect(count(retried, 'ANSWER')).toBe(40);
    const edns = await dig('@127.0.0.3', '+bufsize=1232', '+ignore', 'archive.ubuntu.com');
    expect(flags(edns)).not.toContain('tc');
    expect(count(edns, 'ANSWER')).toBe(40);
  });

  it('the system resolver and curl reach the appliance through its DNS', async () => {
    // The world's hosts file knows only localhost and resolv.conf names 127.0.0.1: only the
    // appliance can answer these.
    expect(readFileSync('/etc/hosts', 'utf8')).not.toMatch(/ubuntu\.com/);
    for (const name of ['archive.ubuntu.com', 'mirror-7.archive.ubuntu.com']) {
      const g = await run('getent', ['hosts', name]);
      expect(g.code, g.stderr).toBe(0);
      expect(g.stdout).toMatch(new RegExp(`^127\\.0\\.0\\.1\\s+${name.replace(/\./g, '\\.')}$`, 'm'));
    }
    const c = await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{remote_ip}', 'http://archive.ubuntu.com/ubuntu/dists/noble/InRelease']);
    expect(c.stdout).toMatch(/^\d{3} 127\.0\.0\.1$/);
    expect(c.stdout).not.toMatch(/^000/);
  });

  it('no loop: online fills resolve upstream names through dns.forwarders, not through the appliance', async () => {
    // Clients are told images.maas.io is the appliance; the appliance itself asks the site resolver
    // and fetches from 127.0.0.2. Through its own answer it would have fetched from itself.
    const r = await run('curl', ['-sS', '-w', ' %{http_code}', 'http://images.maas.io/streams/v1/index.json']);
    expect(r.stdout).toBe('{"index":{}} 200');
    expect(upstream.count('/streams/v1/index.json')).toBe(1);
    expect(site.received.some((x) => questionOf(x.query).name.toLowerCase() === 'images.maas.io')).toBe(true);
  });
});
