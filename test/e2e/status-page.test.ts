// The status page as a person sees it: real `airgap-cache import` of an APT mirror tree and an
// sstream-mirror tree, `serve` on the real ports, real curl and dig as clients, then Debian's
// Chromium loads http://127.0.0.1:9180/ and what it shows is checked against the store itself.
// A screenshot is written for people to look at (AGC_SCREENSHOT_DIR, else the test's work dir).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { when } from '../../src/ops/format.js';
import { imagesStatus } from '../../src/seed/images/status.js';
import { parseManifest } from '../../src/seed/manifest.js';
import { clearsignedText } from '../../src/sites/apt/clearsigned.js';
import { parseRelease } from '../../src/sites/apt/release.js';
import { openStore } from '../../src/store/store.js';
import { openBrowser } from '../helpers/browser.js';
import { imagesFixture, type StreamFixture } from '../helpers/images-stream.js';
import { sstreamClient } from '../helpers/sstream-client.js';
import { StaticUpstream } from '../helpers/static-upstream.js';
import { cliPath, repoRoot, run, startServe, type ServeHandle } from './harness.js';

const ADMIN = 'http://127.0.0.1:9180';
let work: string;
let archive: string;
let fx: StreamFixture;
let serve: ServeHandle;
let browser: BrowserContext;
let page: Page;
const requested: string[] = [];

async function cli(args: string[]): Promise<string> {
  const r = await run(process.execPath, [cliPath, ...args], { timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`airgap-cache ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'agc-status-e2e-'));
  archive = join(work, 'archive');
  execFileSync('bash', [join(repoRoot, 'test/helpers/make-apt-archive.sh'), archive], { stdio: 'ignore' });
  const aptKeyring = join(archive, 'keyring.gpg');
  fx = imagesFixture({ versions: ['20250701', '20250805'], squashfsBytes: 4000 });
  const upstream = new StaticUpstream(fx.www);
  await upstream.listen(8080, '127.0.0.4');
  const mirror = join(work, 'images-mirror');
  await sstreamClient({ url: 'http://127.0.0.4:8080/ephemeral-v3/stable/', keyring: fx.key.keyring, out: mirror, max: 1, filters: ['arch=amd64', 'release=noble'] });
  await upstream.close();

  const config = join(work, 'config.yaml');
  writeFileSync(config, `apt:\n  keyrings: [${aptKeyring}]\nimages:\n  keyrings: [${fx.key.keyring}]\nlog:\n  level: warn\n`);
  const data = join(work, 'data');
  await cli(['import', join(archive, 'ubuntu'), '--config', config, '--data-dir', data, '--apt-url', 'http://archive.ubuntu.com/ubuntu']);
  await cli(['import', join(archive, 'ubuntu-ports'), '--config', config, '--data-dir', data, '--apt-url', 'http://ports.ubuntu.com/ubuntu-ports']);
  await cli(['import', mirror, '--config', config, '--data-dir', data, '--images-url', 'http://images.maas.io/ephemeral-v3/stable/']);
  serve = await startServe({ dataDir: data, args: ['--config', config] });

  const curl = async (url: string, times = 1): Promise<void> => {
    for (let i = 0; i < times; i++) await run('curl', ['-sS', '-o', '/dev/null', url]);
  };
  await curl('http://archive.ubuntu.com/ubuntu/dists/noble/InRelease', 3);
  await curl('http://images.maas.io/ephemeral-v3/stable/streams/v1/index.sjson', 2);
  await curl('http://archive.ubuntu.com/ubuntu/pool/main/n/notseeded/notseeded_1.0_amd64.deb', 2);
  await curl('http://archive.ubuntu.com/ubuntu/dists/noble-backports/InRelease');
  await run('dig', ['+short', '@127.0.0.1', 'images.maas.io', 'A']);

  browser = await openBrowser();
  page = await browser.newPage();
  page.on('request', (r) => requested.push(r.url()));
  const res = await page.goto(`${ADMIN}/`);
  expect(res?.status()).toBe(200);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const rows = (selector: string): Promise<string[][]> =>
  page.locator(`${selector} tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim())));

describe('status page in Chromium', () => {
  it('loads as one document: nothing else is fetched, and a person can read it (screenshot)', async () => {
    expect(await page.title()).toBe('airgap-cache status');
    expect(requested).toEqual([`${ADMIN}/`]);
    const dir = process.env.AGC_SCREENSHOT_DIR ?? work;
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'status-page.png'), fullPage: true });
    const heading = await page.locator('h1').textContent();
    expect(heading).toBe('airgap-cache');
  });

  it('shows each APT suite with the snapshot date of its stored InRelease', async () => {
    const apt = await rows('#seeded table:nth-of-type(1)');
    const expected = [
      ['ubuntu', 'noble'],
      ['ubuntu', 'noble-security'],
      ['ubuntu', 'noble-updates'],
      ['ubuntu-ports', 'noble'],
    ].map(([tree, suite]) => {
      const release = parseRelease(clearsignedText(readFileSync(join(archive, tree!, 'dists', suite!, 'InRelease'), 'utf8'))!);
      return { suite, date: when(release.date) };
    });
    expect(apt.map((r) => ({ suite: r[1], date: r[2]!.replace(/ \(.*\)$/, '') }))).toEqual(expected);
    expect(apt[0]![0]).toBe('ubuntu-archive /ubuntu');
    expect(apt[3]!.slice(3, 5)).toEqual(['main', 'arm64']);
  });

  it('shows the image versions MAAS could import, as the store says', async () => {
    const store = openStore({ dataDir: serve.dataDir, watchIntervalMs: 0 });
    const [stream] = await imagesStatus(store, new Set(['maas-images']), [fx.key.keyring]);
    const shown = await rows('#seeded table.images');
    expect(shown.map((r) => r.slice(0, 5))).toEqual(stream!.versions.map((v) => [v.os, v.release, v.arch, v.subarch, v.version]));
    expect(shown.every((r) => r[5] === 'complete')).toBe(true);

    const namespaces = await page.locator('#seeded h3:text("Store per namespace") + table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(namespaces.map((r) => [r[0], Number(r[2]!.replace(/,/g, ''))])).toEqual(store.namespaces().map((n) => [n.ns, n.objects]));
    store.close();
  });

  it('shows traffic, top objects and recent misses, with misses.yaml a seed accepts', async () => {
    const traffic = await rows('#traffic table');
    expect(traffic.find((r) => r[0] === 'ubuntu-archive')!.slice(1, 6)).toEqual(['6', '3', '0', '3', '0']);
    const top = await rows('#top table');
    expect(top[0]!.slice(0, 1).concat(top[0]!.slice(2, 4))).toEqual(['3', 'ubuntu-archive', 'archive.ubuntu.com/ubuntu/dists/noble/InRelease']);
    const misses = (await rows('#misses table')).map((r) => [r[1], r[3]]);
    expect(misses).toEqual([
      ['1', 'http://archive.ubuntu.com/ubuntu/dists/noble-backports/InRelease'],
      ['2', 'http://archive.ubuntu.com/ubuntu/pool/main/n/notseeded/notseeded_1.0_amd64.deb'],
    ]);
    const second = await browser.newPage();
    await second.goto(`${ADMIN}/`);
    await second.click('#misses a[href="misses.yaml"]');
    expect(second.url()).toBe(`${ADMIN}/misses.yaml`);
    const yamlText = (await second.locator('body').textContent()) ?? '';
    await second.close();
    expect(parseManifest(yamlText, 'misses.yaml').sections.map((s) => s.section.key)).toEqual(['urls', 'apt']);
    expect(parse(yamlText)).toMatchObject({ apt: [{ mirror: 'http://archive.ubuntu.com/ubuntu', suites: ['noble-backports'] }], urls: ['http://archive.ubuntu.com/ubuntu/pool/main/n/notseeded/notseeded_1.0_amd64.deb'] });
  });

  it('shows the CA every client trusts and the DNS names answered', async () => {
    const caPem = readFileSync(join(serve.certsDir, 'ca.crt'), 'utf8');
    const fingerprint = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: caPem, encoding: 'utf8' }).split('=')[1]!.trim();
    expect(await page.locator('#certificates code').first().textContent()).toBe(fingerprint);
    const names = await rows('#dns .cols table:nth-of-type(2)');
    expect(names).toContainEqual(['images.maas.io', expect.stringMatching(/^[1-9]\d*$/)]);
    const answers = await rows('#dns .cols table:nth-of-type(1)');
    expect(answers.map((r) => r[0])).toContain('answer');
  });
});
