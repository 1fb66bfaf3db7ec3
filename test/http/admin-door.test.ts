import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningAppliance } from '../../src/appliance.js';
import { createAdminDoor } from '../../src/http/admin-door.js';
import { testAppliance } from '../helpers/appliance.js';

let app: RunningAppliance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('admin door', () => {
  it('answers /healthz and /readyz on its own port, not on the public doors', async () => {
    app = await testAppliance();
    const health = await request(`http://127.0.0.1:${app.ports.admin}`).get('/healthz');
    expect([health.status, health.text]).toEqual([200, 'ok\n']);
    const ready = await request(`http://127.0.0.1:${app.ports.admin}`).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.detail).toMatchObject({ http: true, https: true, admin: true, store: true, ca: true });
    const pub = await request(`http://127.0.0.1:${app.ports.http}`).get('/healthz').set('Host', 'images.maas.io');
    expect(pub.status).toBe(404);
  });

  it('/readyz is 503 when a check fails', async () => {
    const door = createAdminDoor({ ready: () => ({ ok: false, detail: { store: false } }) });
    const res = await request(door).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ ok: false, detail: { store: false } });
  });
  it('asks for the token on every route but the probes, and says how', async () => {
    const token = 'admin-token-0123456789';
    const door = createAdminDoor({ ready: () => ({ ok: true, detail: {} }), routes: { '/metrics': (_q, r) => void r.end('m\n') }, token });
    await request(door).get('/healthz').expect(200);
    await request(door).get('/readyz').expect(200);
    const denied = await request(door).get('/metrics').expect(401);
    expect(denied.headers['www-authenticate']).toMatch(/^Basic realm="airgap-cache admin"/);
    expect(denied.text).not.toContain(token);
    await request(door).get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789').expect(401);
    expect((await request(door).get('/metrics').set('Authorization', `Bearer ${token}`).expect(200)).text).toBe('m\n');
    await request(door).get('/metrics').auth('admin', token).expect(200);
    await request(door).get('/nothing').set('Authorization', `Bearer ${token}`).expect(404);
  });

  it('a failing route answers 500 without its message, and the door keeps serving', async () => {
    const door = createAdminDoor({
      ready: () => ({ ok: true, detail: {} }),
      routes: {
        '/boom': async () => {
          throw new Error('secret detail');
        },
      },
    });
    const res = await request(door).get('/boom').expect(500);
    expect(res.text).toBe('Internal Server Error\n');
    await request(door).get('/healthz').expect(200);
  });
});
