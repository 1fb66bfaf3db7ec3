import { get } from 'node:http';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer, createDoors, listen, listenFailure, portOf } from '../src/appliance-doors.js';
import { HostMatcher } from '../src/config/host-groups.js';
import { configSchema } from '../src/config/schema.js';
import type { RequestRecord } from '../src/http/request-handler.js';
import { silentLogger } from '../src/log.js';
import { openStore, type Store } from '../src/store/store.js';
import { ensureCa } from '../src/tls/ca.js';
import { LeafIssuer } from '../src/tls/leaf-issuer.js';
import { createUpstreamAgent } from '../src/upstream/agent.js';
import { FillManager } from '../src/upstream/fill.js';
import { entry, writeBlob } from './store/contract.js';
import { tempDir } from './helpers/tmp.js';

let store: Store | undefined;
afterEach(() => store?.close());

describe('createDoors', () => {
  it('builds a plain door that serves stored objects and reports one record per request', async () => {
    const config = configSchema.parse({ dataDir: tempDir(), certsDir: tempDir(), listen: '127.0.0.1' });
    store = openStore({ dataDir: config.dataDir, watchIntervalMs: 0 });
    const body = Buffer.from('stored bytes');
    await writeBlob(store, body);
    store.commit([entry('maas-images', '/x', body)]);
    const matcher = new HostMatcher(config.hostGroups);
    const ca = ensureCa(config.certsDir);
    const dispatcher = createUpstreamAgent({ upstreamResolve: {}, ...config.upstream });
    const records: RequestRecord[] = [];
    const fills = new FillManager(store, dispatcher, silentLogger());
    const { plain, tls } = createDoors(config, silentLogger(), { matcher, store, fills, issuer: new LeafIssuer(ca, config.certsDir), dispatcher }, (r) => records.push(r));
    await listen(plain, '127.0.0.1', 0, 'HTTP');
    const got = await new Promise<string>((resolve, reject) =>
      get({ host: '127.0.0.1', port: portOf(plain), path: '/x', headers: { host: 'images.maas.io' } }, (res) => {
        let s = '';
        res.on('data', (c: Buffer) => (s += c.toString()));
        res.on('end', () => resolve(`${res.statusCode} ${s}`));
      }).on('error', reject),
    );
    expect(got).toBe('200 stored bytes');
    expect(records).toMatchObject([{ status: 200, cache: 'hit', host: 'images.maas.io', path: '/x' }]);
    await closeServer(plain);
    tls.close();
    await dispatcher.close();
  });
});

describe('listen', () => {
  it('names the door and the cause when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const { createServer: httpServer } = await import('node:http');
    await expect(listen(httpServer(), '127.0.0.1', port, 'HTTP')).rejects.toThrow(`HTTP door 127.0.0.1:${port}: the port is already in use (another web server or an earlier airgap-cache?)`);
    blocker.close();
    expect(listenFailure(Object.assign(new Error('x'), { code: 'EADDRNOTAVAIL' }), '10.9.9.9', 80, 'HTTP')).toBe('HTTP door 10.9.9.9:80: no interface has the address 10.9.9.9');
  });
});
