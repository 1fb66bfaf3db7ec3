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
});
