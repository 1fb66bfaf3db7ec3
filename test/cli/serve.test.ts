// The real CLI, spawned: one-line failures before binding, and kill -9 in the middle of a fill.
import { spawn } from 'node:child_process';
import { chmodSync, readdirSync, writeFileSync } from 'node:fs';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { tempDir } from '../helpers/tmp.js';

const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;

interface Child {
  ready: Promise<string>;
  exited: Promise<{ code: number | null; stderr: string; stdout: string }>;
  kill(signal: NodeJS.Signals): void;
}

function serve(args: string[], opts: { uid?: number } = {}): Child {
  const p = spawn(process.execPath, [cli, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'], uid: opts.uid, gid: opts.uid });
  let stdout = '';
  let stderr = '';
  let onReady: (l: string) => void;
  const ready = new Promise<string>((r) => (onReady = r));
  p.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    const line = stdout.split('\n').find((l) => l.startsWith('airgap-cache ready'));
    if (line) onReady(line);
  });
  p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; stderr: string; stdout: string }>((r) => p.on('exit', (code) => r({ code, stderr, stdout })));
  return { ready, exited, kill: (s) => p.kill(s) };
}

function get(port: number, path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => httpGet({ host: '127.0.0.1', port, path, headers: { host: 'images.maas.io' } }, resolve).on('error', reject));
}

function configFile(dir: string, extra = ''): string {
  const file = join(dir, 'config.yaml');
  writeFileSync(file, `listen: 127.0.0.1\nports:\n  http: 0\n  https: 0\n  dns: 0\nadmin:\n  listen: 127.0.0.1:0\nlog:\n  level: warn\n${extra}`);
  return file;
}

const children: Child[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

describe('airgap-cache serve', () => {
  it('exits 1 with the bad key named, before binding anything', async () => {
    const dir = tempDir();
    const file = join(dir, 'c.yaml');
    writeFileSync(file, 'mode: sometimes\nportz: {}\n');
    const r = await serve(['--config', file, '--data-dir', join(dir, 'd'), '--certs-dir', join(dir, 'c')]).exited;
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^airgap-cache: .*c\.yaml: .*mode.*"sometimes".*unknown key portz/);
  });

  it('exits 1 naming the door and the cause when a port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const dir = tempDir();
    const r = await serve(['--config', configFile(dir), '--data-dir', join(dir, 'd'), '--certs-dir', join(dir, 'c'), '--listen', '127.0.0.1', '--admin-listen', `127.0.0.1:${port}`]).exited;
    blocker.close();
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`airgap-cache: admin door 127.0.0.1:${port}: the port is already in use (another web server or an earlier airgap-cache?)`);
  });

  it('tells an unprivileged user how to get port 80', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o777);
    const r = await serve(['--data-dir', join(dir, 'd'), '--certs-dir', join(dir, 'c'), '--listen', '127.0.0.1', '--admin-listen', '127.0.0.1:0'], { uid: 65534 }).exited;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/door 127\.0\.0\.1:(80|443|53): no permission to bind a port below 1024; run as root or grant it with: sudo setcap cap_net_bind_service/);
  });

  it('after kill -9 in the middle of a fill, a restart serves nothing partial and cleans up', async () => {
    const upstream = new FakeUpstream().put('/ephemeral-v3/stable/squashfs', { body: Buffer.alloc(4_000_000, 9), dripMs: 100 });
    const uport = await upstream.listen();
    const dir = tempDir();
    const common = ['--config', configFile(dir), '--data-dir', join(dir, 'data'), '--certs-dir', join(dir, 'certs'), '--upstream-resolve', `images.maas.io=127.0.0.1:${uport}`];
    const first = serve([...common, '--mode', 'online']);
    children.push(first);
    const port = Number(/http 127\.0\.0\.1:(\d+)/.exec(await first.ready)![1]);
    const res = await get(port, '/ephemeral-v3/stable/squashfs');
    expect(res.statusCode).toBe(200);
    let got = 0;
    await new Promise<void>((resolve) => {
      res.on('data', (c: Buffer) => {
        got += c.length;
        if (got >= 500_000) resolve();
      });
    });
    res.on('error', () => undefined);
    expect(readdirSync(join(dir, 'data', 'tmp')).length).toBe(1);
    first.kill('SIGKILL');
    await first.exited;

    const second = serve([...common, '--mode', 'offline']);
    children.push(second);
    const port2 = Number(/http 127\.0\.0\.1:(\d+)/.exec(await second.ready)![1]);
    expect(readdirSync(join(dir, 'data', 'tmp'))).toEqual([]);
    const after = await get(port2, '/ephemeral-v3/stable/squashfs');
    expect(after.statusCode).toBe(404);
    after.resume();
    second.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    await upstream.close();
  }, 30_000);
  it('refuses an admin door off loopback without a token, before binding anything', async () => {
    const dir = tempDir();
    const r = await serve(['--config', configFile(dir), '--data-dir', join(dir, 'd'), '--certs-dir', join(dir, 'c'), '--admin-listen', '0.0.0.0:0']).exited;
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^airgap-cache: .*admin\.token: the admin door on 0\.0\.0\.0:0 is reachable from other machines, so it needs a token$/);
  });

  it('logs one line per request with the client, pretty on request, and never the admin token', async () => {
    const token = 'tok-' + 'x'.repeat(28);
    const dir = tempDir();
    const file = join(dir, 'config.yaml');
    writeFileSync(file, `listen: 127.0.0.1\nports:\n  http: 0\n  https: 0\n  dns: 0\nadmin:\n  listen: 0.0.0.0:0\n  token: ${token}\nlog:\n  level: debug\n`, { mode: 0o600 });
    const child = serve(['--config', file, '--data-dir', join(dir, 'd'), '--certs-dir', join(dir, 'c'), '--log-format', 'pretty']);
    children.push(child);
    const line = await child.ready;
    const port = Number(/http 127\.0\.0\.1:(\d+)/.exec(line)![1]);
    const admin = Number(/admin 0\.0\.0\.0:(\d+)/.exec(line)![1]);
    (await get(port, '/nothing-here')).resume();
    const adminGet = (auth?: string) => new Promise<number>((resolve, reject) => httpGet({ host: '127.0.0.1', port: admin, path: '/metrics', headers: auth ? { authorization: auth } : {} }, (res) => (res.resume(), resolve(res.statusCode!))).on('error', reject));
    expect(await adminGet()).toBe(401);
    expect(await adminGet(`Bearer ${token}`)).toBe(200);
    expect(await adminGet(`Bearer ${token}-wrong`)).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGTERM');
    const r = await child.exited;
    expect(r.stderr).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}http {3}GET images\.maas\.io\/nothing-here 404 offline-miss 10 B [\d.]+ms <- 127\.0\.0\.1$/m);
    expect(r.stderr + r.stdout).not.toContain(token.slice(4));
    expect(r.stderr + r.stdout).not.toContain('PRIVATE KEY');
  });
});
