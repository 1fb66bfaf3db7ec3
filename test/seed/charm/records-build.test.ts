import { describe, expect, it } from 'vitest';
import { CharmRecords, defaultTrackOf, nameFromInfo, resourceRecordOf, revisionOf } from '../../../src/seed/charm/records-build.js';

const ID = 'A'.repeat(32);
const dl = { size: 3, 'hash-sha-256': 'a'.repeat(64), 'hash-sha-384': 'b'.repeat(96), url: 'https://x' };

describe('records from Charmhub answers', () => {
  it('name record: default track from default-release, publisher values kept only when strings', () => {
    const info = { type: 'charm', id: ID, name: 'pg', result: { summary: 's', publisher: { 'display-name': 'C', verified: true } }, 'default-release': { channel: { track: '14' } } };
    expect(defaultTrackOf(info)).toBe('14');
    expect(defaultTrackOf({})).toBe('latest');
    expect(nameFromInfo(info, '14')).toEqual({ type: 'charm', id: ID, name: 'pg', 'default-track': '14', result: { summary: 's', publisher: { 'display-name': 'C' } } });
    expect(nameFromInfo({ type: 'snap', id: ID, name: 'x' }, 'latest')).toBeUndefined();
  });

  it('revision record from a refresh charm object: digests without url, RFC 3339 times only, resources as refs', () => {
    const rec = revisionOf({ revision: 5, version: 'v', 'created-at': 'yesterday', bases: [{ architecture: 'amd64', name: 'ubuntu', channel: '22.04' }], download: dl, resources: [{ name: 'r', revision: 2 }], 'metadata-yaml': 'name: pg\n' });
    expect(rec).toEqual({ revision: 5, version: 'v', bases: [{ architecture: 'amd64', name: 'ubuntu', channel: '22.04' }], download: { size: 3, 'hash-sha-256': dl['hash-sha-256'], 'hash-sha-384': dl['hash-sha-384'] }, resources: [{ name: 'r', revision: 2 }], 'metadata-yaml': 'name: pg\n' });
    expect(revisionOf({ revision: 5, download: { size: 3, 'hash-sha-256': 'x' } })).toBeUndefined();
  });

  it('resource record needs a type, revision and both digests', () => {
    expect(resourceRecordOf({ name: 'r', type: 'oci-image', revision: 1, download: dl })).toMatchObject({ filename: '', description: '', download: { size: 3 } });
    expect(resourceRecordOf({ name: 'r', type: 'docker', revision: 1, download: dl })).toBeUndefined();
  });

  it('a revision seen by revision then by channel keeps the resources; files are in a stable order', () => {
    const r = new CharmRecords();
    const rev = revisionOf({ revision: 5, version: 'v', bases: [], download: dl, resources: [] })!;
    r.addRevision(ID, rev);
    r.addRevision(ID, { ...rev, resources: [{ name: 'x', revision: 1 }] });
    r.addRevision(ID, rev);
    r.addChannel('pg', { architecture: 'amd64', name: 'ubuntu', channel: '22.04' }, '14/stable', { revision: 5 });
    r.addName(nameFromInfo({ type: 'charm', id: ID, name: 'pg' }, '14')!);
    const files = r.files();
    expect(files.map((f) => f.path)).toEqual(['/@charm/names/pg', `/@charm/ids/${ID}`, `/@charm/revisions/${ID}/5`, '/@charm/channels/pg/amd64/ubuntu/22.04/14/stable']);
    expect(JSON.parse(files[2]!.bytes.toString()).resources).toEqual([{ name: 'x', revision: 1 }]);
  });
});
