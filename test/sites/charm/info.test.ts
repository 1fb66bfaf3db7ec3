import { describe, expect, it } from 'vitest';
import { infoDocument, infoLocal, subordinateOf } from '../../../src/sites/charm/info.js';
import { channelRecordFile, nameRecordFiles, revisionRecordFile } from '../../../src/sites/charm/records.js';
import { putBytes } from '../../../src/store/put-bytes.js';
import { BUNDLE_ID, CHARM_NS, digests, jammy, PG_ID } from '../../helpers/charm-records.js';
import { BASE, NS, parse, seeded } from './fixtures.js';

describe('charm info', () => {
  it('the whole document: result, channel-map per channel and base, default-release on the default track', async () => {
    const { ctx } = await seeded();
    const doc = (await infoDocument(ctx, NS, BASE, 'postgresql', null))!;
    expect(doc).toMatchObject({ type: 'charm', id: PG_ID, name: 'postgresql', result: { summary: 'postgresql summary' } });
    expect(doc['default-release']).toMatchObject({ channel: { name: '14/stable', track: '14', risk: 'stable', base: jammy, 'released-at': '2025-03-04T10:11:12.000000+00:00' }, revision: { revision: 468, download: { size: expect.any(Number) } } });
    expect((doc['channel-map'] as unknown[]).length).toBe(4);
    expect((await infoDocument(ctx, NS, BASE, 'pg-bundle', null))!).toMatchObject({ type: 'bundle', id: BUNDLE_ID, 'default-release': { revision: { 'bundle-yaml': expect.stringContaining('postgresql') } } });
  });
  it('fields and channel honoured; unknown name and unseeded channel are JSON 404s; a bad channel 400', async () => {
    const { ctx } = await seeded();
    const r = await infoLocal(ctx, NS, BASE, 'postgresql', new URLSearchParams('fields=default-release.revision.revision&channel=14/edge'));
    expect(parse(r.body)).toEqual({ type: 'charm', id: PG_ID, name: 'postgresql', 'default-release': { revision: { revision: 470 } } });
    expect((await infoLocal(ctx, NS, BASE, 'nope', new URLSearchParams())).status).toBe(404);
    expect((await infoLocal(ctx, NS, BASE, 'postgresql', new URLSearchParams('channel=15/stable'))).status).toBe(404);
    expect((await infoLocal(ctx, NS, BASE, 'postgresql', new URLSearchParams('channel=a/b/c/d'))).status).toBe(400);
  });
  it('revision.subordinate from metadata.yaml, as python-libjuju asks for it before choosing the number of units', async () => {
    const { ctx, store } = await seeded();
    const id = 'U3Vib3JkU3Vib3JkU3Vib3JkU3Vib3Jk';
    const files = [
      ...nameRecordFiles({ type: 'charm', id, name: 'sub', 'default-track': 'latest', result: {} }),
      revisionRecordFile(id, { revision: 2, version: 'v2', bases: [jammy], download: digests(Buffer.from('x')), resources: [], 'metadata-yaml': 'name: sub\nsubordinate: true\nrequires:\n  juju-info:\n    interface: juju-info\n    scope: container\n' }),
      channelRecordFile('sub', jammy, 'latest/stable', { revision: 2 }),
    ];
    await putBytes(store, files.map((f) => ({ ns: CHARM_NS, path: f.path, bytes: f.bytes, contentType: 'application/json', source: 'test' })));
    const asked = new URLSearchParams('fields=default-release.revision.subordinate');
    expect(parse((await infoLocal(ctx, NS, BASE, 'sub', asked)).body)).toEqual({ type: 'charm', id, name: 'sub', 'default-release': { revision: { subordinate: true } } });
    expect(parse((await infoLocal(ctx, NS, BASE, 'postgresql', asked)).body)['default-release']).toEqual({ revision: { subordinate: false } });
    expect(parse((await infoLocal(ctx, NS, BASE, 'pg-bundle', asked)).body)['default-release']).toEqual({ revision: {} });
    expect([subordinateOf(undefined), subordinateOf(': : :\n\t['), subordinateOf('subordinate: "yes"')]).toEqual([undefined, undefined, false]);
  });
});
