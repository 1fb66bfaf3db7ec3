import { createServer } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { guardConnections } from '../../src/http/connection-guard.js';

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}

function closed(s: Socket): Promise<boolean> {
  return new Promise((resolve) => {
    s.once('close', () => resolve(true));
    setTimeout(() => resolve(false), 1500);
  });
}

describe('guardConnections', () => {
  it('drops connections past the per-client cap and admits again once one closes', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    const counts = new Map<string, number>();
    guardConnections(server, { maxConnectionsPerClient: 3, headersTimeoutMs: 10_000, requestTimeoutMs: 10_000, keepAliveTimeoutMs: 10_000 }, counts);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const kept = await Promise.all([open(port), open(port), open(port)]);
    const extra = await open(port);
    expect(await closed(extra)).toBe(true);
    kept[0]!.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const again = await open(port);
    expect(await closed(again)).toBe(false);
    for (const s of [...kept, again]) s.destroy();
    server.close();
  });

  it('a client that never finishes its headers is cut off, and others are still served', async () => {
    const server = createServer({ connectionsCheckingInterval: 100 }, (_req, res) => res.end('ok'));
    guardConnections(server, { maxConnectionsPerClient: 100, headersTimeoutMs: 400, requestTimeoutMs: 800, keepAliveTimeoutMs: 1000 }, new Map());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const slow = await open(port);
    slow.write('GET / HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => slow.writable && slow.write('X'), 100);
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(await res.text()).toBe('ok');
    expect(await closed(slow)).toBe(true);
    clearInterval(drip);
    server.close();
  });
});
