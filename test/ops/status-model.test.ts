import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { silentLogger } from '../../src/log.js';
import { Cached } from '../../src/ops/cached.js';
import { DnsTally } from '../../src/ops/dns-tally.js';
import { RecentMisses } from '../../src/ops/recent-misses.js';
import { statusModel, type TopInfo } from '../../src/ops/status-model.js';
import { TopCounter } from '../../src/ops/top-counter.js';
import { Traffic } from '../../src/ops/traffic.js';
import { openStore } from '../../src/store/store.js';
import { createUpstreamAgent } from '../../src/upstream/agent.js';
import { FillManager } from '../../src/upstream/fill.js';
import { tempDir } from '../helpers/tmp.js';
import { sampleModel } from './fixtures.js';

describe('statusModel', () => {
  it('puts the cached summary and the live tallies together, cut to the page limits', async () => {
    const config = configSchema.parse({ dataDir: tempDir(), mode: 'online' });
    const store = openStore({ dataDir: config.dataDir, watchIntervalMs: 0 });
    const fills = new FillManager(store, createUpstreamAgent({ upstreamResolve: {}, connectTimeoutMs: 1000, headersTimeoutMs: 1000, bodyTimeoutMs: 1000 }), silentLogger());
    const top = new TopCounter<TopInfo>(100);
    for (let i = 0; i < 30; i++) top.add(`k${i}`, 1, { group: 'g', host: 'h', path: `/p${i}` });
    const misses = new RecentMisses(100);
    for (let i = 0; i < 5; i++) misses.add({ url: `http://h/p${i}`, group: 'g', namespace: 'n', site: 'generic', host: 'h', path: `/p${i}`, query: '', cache: 'miss', status: 404 });
    const dns = new DnsTally(10);
    dns.add({ name: 'a', type: 'A', answer: 'answer', own: true });
    const traffic = new Traffic();
    traffic.add('g', 'hit', 1);
    const summary = sampleModel().summary;
    const m = await statusModel({ config, version: '1.2.3', summary: new Cached(async () => summary, 0, 0), traffic, top, misses, dns, fills }, { top: 10, misses: 3, names: 5 });
    expect(m).toMatchObject({ version: '1.2.3', mode: 'online', summary, jobs: [], fills: { inFlight: 0, waiting: 0 }, dns: { total: 1, byAnswer: [['answer', 1]], refused: [] } });
    expect(m.top).toHaveLength(10);
    expect(m.misses.map((x) => x.path)).toEqual(['/p4', '/p3', '/p2']);
    expect(m.totals.requests).toBe(1);
    expect(m.startedAt).toBe(traffic.since);
    store.close();
  });
});
