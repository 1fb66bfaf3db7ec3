import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RunningAppliance } from '../../src/appliance.js';
import { parseManifest } from '../../src/seed/manifest.js';
import { putBytes } from '../../src/store/put-bytes.js';
import { udpAsk } from '../dns/net.js';
import { buildQuery, T } from '../dns/wire.js';
import { groupsFor, testAppliance } from '../helpers/appliance.js';

let app: RunningAppliance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function seededAppliance(): Promise<RunningAppliance> {
  app = await testAppliance({ hostGroups: groupsFor(8099) });
  await putBytes(app.store, [{ ns: 'maas-images', path: '/a', bytes: Buffer.from('hello'), contentType: 'text/plain', source: 'import:t' }]);
  const pub = request(`http://127.0.0.1:${app.ports.http}`);
  await pub.get('/a').set('Host', 'images.maas.io').expect(200);
  await pub.get('/a').set('Host', 'images.maas.io').expect(200);
  await pub.get('/missing/x.img').set('Host', 'images.maas.io').expect(404);
  await pub.get('/ubuntu/pool/main/h/hello/hello_1_amd64.deb').set('Host', 'gb.archive.ubuntu.com').expect(404);
  await pub.get('/').set('Host', 'evil.example').expect(421);
  expect(await udpAsk(app.ports.dns, buildQuery('images.maas.io', T.A))).toBeDefined();
  return app;
}

describe('ops on a running appliance', () => {
  it('/metrics counts what the public doors and DNS did', async () => {
    const a = await seededAppliance();
    const res = await request(`http://127.0.0.1:${a.ports.admin}`).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain('airgap_cache_requests_total{group="maas-images",site="generic",status="200",cache="hit"} 2');
    expect(res.text).toContain('airgap_cache_requests_total{group="maas-images",site="generic",status="404",cache="offline-miss"} 1');
    expect(res.text).toContain('airgap_cache_requests_total{group="none",site="none",status="421",cache="refused"} 1');
    expect(res.text).toContain('airgap_cache_response_bytes_total{group="maas-images",site="generic",cache="hit"} 10');
    expect(res.text).toContain('airgap_cache_dns_queries_total{type="A",answer="answer"} 1');
    expect(res.text).toContain('airgap_cache_store_objects{namespace="maas-images"} 1');
  });

  it('/misses.yaml lists the misses as a manifest fragment that seed accepts', async () => {
    const a = await seededAppliance();
    const res = await request(`http://127.0.0.1:${a.ports.admin}`).get('/misses.yaml').expect(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('inline; filename="misses.yaml"');
    expect(parseManifest(res.text, 'misses.yaml').sections.map((s) => s.section.key)).toEqual(['urls']);
    expect((parse(res.text) as { urls: string[] }).urls).toEqual(['http://archive.ubuntu.com:8099/ubuntu/pool/main/h/hello/hello_1_amd64.deb', 'http://images.maas.io:8099/missing/x.img']);
  });

  it('/ is the status page and /status.json the same facts as JSON', async () => {
    const a = await seededAppliance();
    const admin = request(`http://127.0.0.1:${a.ports.admin}`);
    const page = await admin.get('/').expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(page.text).toContain('<td class="path">images.maas.io/a</td>');
    expect(page.text).toContain('http://images.maas.io:8099/missing/x.img');
    expect(page.text).toMatch(/Hit ratio<\/div><div class="value">50 %/);
    const json = (await admin.get('/status.json').expect(200)).body as { totals: { requests: number }; misses: unknown[]; summary: { namespaces: unknown[] } };
    expect([json.totals.requests, json.misses.length, json.summary.namespaces]).toEqual([5, 2, [{ ns: 'maas-images', objects: 1, bytes: 5 }]]);
    await admin.post('/').expect(405);
    await admin.get('/nothing').expect(404);
  });
});
