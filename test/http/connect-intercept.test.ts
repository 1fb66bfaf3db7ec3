import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningAppliance } from '../../src/appliance.js';
import { testAppliance } from '../helpers/appliance.js';
import { tlsGet } from '../helpers/tls-client.js';
import { entry, writeBlob } from '../store/contract.js';

let app: RunningAppliance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function connectVia(port: number, target: string): Promise<{ socket: Socket; head: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`));
    let head = '';
    const onData = (d: Buffer): void => {
      head += d.toString('latin1');
      if (head.includes('\r\n\r\n')) {
        socket.off('data', onData);
        resolve({ socket, head });
      }
    };
    socket.on('data', onData);
    socket.on('error', reject);
  });
}

describe('CONNECT on the plain door', () => {
  it('intercepts a configured host:443 with the appliance certificate and serves the cache', async () => {
    app = await testAppliance();
    const body = Buffer.from('charm bytes');
    await writeBlob(app.store, body);
    app.store.commit([entry('charmhub', '/api/v1/charms/download/XxXxXxXxXxXxXxXxXxXxXxXxXxXxXxXx_1.charm', body)]);
    const { socket, head } = await connectVia(app.ports.http, 'api.charmhub.io:443');
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    const r = await tlsGet({ socket, servername: 'api.charmhub.io', ca: app.ca.certPem, path: '/api/v1/charms/download/XxXxXxXxXxXxXxXxXxXxXxXxXxXxXxXx_1.charm' });
    expect(r.cert.subjectaltname).toBe('DNS:api.charmhub.io');
    expect(r.response.endsWith('charm bytes')).toBe(true);
  });

  it('tunnels plain HTTP for host:80 into the same handler', async () => {
    app = await testAppliance();
    const { socket, head } = await connectVia(app.ports.http, 'archive.ubuntu.com:80');
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    socket.write('GET /ubuntu/nothing HTTP/1.1\r\nHost: archive.ubuntu.com\r\nConnection: close\r\n\r\n');
    const answer = await new Promise<string>((resolve) => {
      let out = '';
      socket.on('data', (d) => (out += d.toString()));
      socket.on('end', () => resolve(out));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
  });

  it('refuses other hosts and other ports: never a relay', async () => {
    app = await testAppliance();
    for (const target of ['www.example.com:443', 'api.charmhub.io:22', '127.0.0.1:9180']) {
      const { head } = await connectVia(app.ports.http, target);
      expect(head, target).toMatch(/^HTTP\/1\.1 403 /);
    }
  });
});
