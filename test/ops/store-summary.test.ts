import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { storeSummary } from '../../src/ops/store-summary.js';
import { openStore } from '../../src/store/store.js';
import { ensureCa } from '../../src/tls/ca.js';
import { tempDir } from '../helpers/tmp.js';
import { seedSuite, SNAPSHOT } from './fixtures.js';

describe('storeSummary', () => {
  it('gathers namespaces, imports, APT suites, image streams and the CA, and refreshes after a commit', async () => {
    const certsDir = tempDir();
    const ca = ensureCa(certsDir);
    const config = configSchema.parse({ dataDir: tempDir(), certsDir });
    const store = openStore({ dataDir: config.dataDir, watchIntervalMs: 0 });
    const summary = storeSummary(config, store);
    const empty = await summary.get();
    expect(empty).toMatchObject({ namespaces: [], imports: [], apt: [], images: [], snaps: [], ca: { current: { fingerprint256: ca.fingerprint256 }, leaves: [] } });
    await seedSuite(store);
    const stale = await summary.get();
    expect(stale).toBe(empty);
    store.close();
    const fresh = await storeSummary(config, openStore({ dataDir: config.dataDir, watchIntervalMs: 0 })).get();
    expect(fresh.namespaces.map((n) => n.ns)).toEqual(['ubuntu-archive']);
    expect(fresh.apt).toMatchObject([{ suite: 'noble', snapshot: SNAPSHOT }]);
  });

  it('reports a missing CA as a problem rather than failing the page', async () => {
    const config = configSchema.parse({ dataDir: tempDir(), certsDir: tempDir() });
    const s = await storeSummary(config, openStore({ dataDir: config.dataDir, watchIntervalMs: 0 })).get();
    expect(s.ca).toEqual({ problem: expect.stringMatching(/there is no CA/) });
  });
});
