// An in-process appliance on ephemeral ports, for HTTP-level tests.
import { startAppliance, type RunningAppliance } from '../../src/appliance.js';
import { configSchema, type Config } from '../../src/config/schema.js';
import { createRootLogger, silentLogger } from '../../src/log.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempDir } from './tmp.js';

let sharedCerts: string | undefined;

/** One CA per test file: making an RSA CA costs about a second. */
function certsDir(): string {
  sharedCerts ??= mkdtempSync(join(tmpdir(), 'agc-test-certs-'));
  return sharedCerts;
}

export type TestConfig = Partial<Omit<Config, 'ports' | 'admin'>>;

export async function testAppliance(overrides: TestConfig = {}): Promise<RunningAppliance> {
  const config = configSchema.parse({
    dataDir: tempDir('agc-data-'),
    certsDir: certsDir(),
    listen: '127.0.0.1',
    ports: { http: 0, https: 0, dns: 0 },
    admin: { listen: '127.0.0.1:0' },
    ...overrides,
  });
  return startAppliance(config, process.env.AGC_TEST_LOG ? createRootLogger('debug') : silentLogger());
}

/** Host groups whose upstream is a fake server on 127.0.0.1:port. */
export function groupsFor(port: number): Config['hostGroups'] {
  return [
    { name: 'maas-images', site: 'generic', namespace: 'maas-images', hosts: ['images.maas.io'], upstream: `http://images.maas.io:${port}` },
    { name: 'ubuntu-archive', site: 'generic', namespace: 'ubuntu-archive', hosts: ['archive.ubuntu.com', '*.archive.ubuntu.com'], upstream: `http://archive.ubuntu.com:${port}` },
  ];
}

export function resolveTo(port: number): Record<string, string> {
  return { 'images.maas.io': `127.0.0.1:${port}`, 'archive.ubuntu.com': `127.0.0.1:${port}` };
}
