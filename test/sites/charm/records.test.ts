import { describe, expect, it } from 'vitest';
import {
  channelOfPath,
  channelRecordFile,
  charmBlobPath,
  isRevisionRecord,
  nameRecordFiles,
  resourceBlobPath,
  resourceRecordFile,
  revisionRecordFile,
  type RevisionRecord,
} from '../../../src/sites/charm/records.js';

const ID = 'Zm9vYmFyYmF6cXV4MDEyMzQ1Njc4OWFi';
const digests = { size: 3, 'hash-sha-256': 'a'.repeat(64), 'hash-sha-384': 'b'.repeat(96) };
const base = { architecture: 'amd64', name: 'ubuntu', channel: '22.04' };
const rev: RevisionRecord = { revision: 468, version: 'abc', 'created-at': '2025-03-01T09:00:00+00:00', bases: [base], download: digests, 'metadata-yaml': 'name: pg\n', resources: [{ name: 'snap', revision: 12 }] };

describe('charm records', () => {
  it('builds the documented paths with the record as JSON bytes', () => {
    const [name, id] = nameRecordFiles({ type: 'charm', id: ID, name: 'postgresql', 'default-track': '14', result: { summary: 's', publisher: { 'display-name': 'Canonical' } } });
    expect(name!.path).toBe('/@charm/names/postgresql');
    expect(JSON.parse(id!.bytes.toString())).toEqual({ id: ID, name: 'postgresql' });
    expect(id!.path).toBe(`/@charm/ids/${ID}`);
    const r = revisionRecordFile(ID, rev);
    expect(r.path).toBe(`/@charm/revisions/${ID}/468`);
    expect(JSON.parse(r.bytes.toString())).toEqual(rev);
    const c = channelRecordFile('postgresql', base, '14/stable', { revision: 468, 'released-at': '2025-03-04T10:11:12.000000+00:00' });
    expect(c.path).toBe('/@charm/channels/postgresql/amd64/ubuntu/22.04/14/stable');
    expect(channelOfPath('postgresql', c.path)).toEqual({ base, channel: '14/stable' });
    expect(channelOfPath('postgresql', '/@charm/channels/postgresql/amd64/ubuntu/22.04/14/stable/hotfix')?.channel).toBe('14/stable/hotfix');
    expect(resourceRecordFile(ID, { name: 'wal-e', type: 'file', revision: 0, filename: 'w.tgz', description: '', download: digests }).path).toBe(`/@charm/resources/${ID}/wal-e/0`);
    expect(charmBlobPath(ID, 208)).toBe(`/api/v1/charms/download/${ID}_208.charm`);
    expect(resourceBlobPath(ID, 'wal-e', 0)).toBe(`/api/v1/resources/download/charm_${ID}.wal-e_0`);
  });

  it('refuses what Juju could not decode: non-string publisher values, non-RFC 3339 times, float sizes, short hashes', () => {
    expect(() => nameRecordFiles({ type: 'charm', id: ID, name: 'pg', 'default-track': 'latest', result: { publisher: { verified: true } as never } })).toThrow(/name record/);
    expect(() => nameRecordFiles({ type: 'thing' as never, id: ID, name: 'pg', 'default-track': 'latest', result: {} })).toThrow();
    expect(() => nameRecordFiles({ type: 'charm', id: 'short', name: 'pg', 'default-track': 'latest', result: {} })).toThrow();
    expect(isRevisionRecord({ ...rev, 'created-at': '' })).toBe(false);
    expect(isRevisionRecord({ ...rev, 'created-at': '2025-03-01 09:00:00' })).toBe(false);
    expect(isRevisionRecord({ ...rev, download: { ...digests, size: 1.5 } })).toBe(false);
    expect(isRevisionRecord({ ...rev, download: { ...digests, 'hash-sha-384': 'b'.repeat(64) } })).toBe(false);
    expect(isRevisionRecord({ ...rev, revision: '468' })).toBe(false);
    expect(() => channelRecordFile('pg', base, 'stable', { revision: 1 })).toThrow(/channel record path/);
    expect(() => channelRecordFile('pg', base, 'latest/stable', { revision: 1, 'released-at': 'yesterday' })).toThrow();
    expect(() => resourceRecordFile(ID, { name: 'x', type: 'docker' as never, revision: 1, filename: '', description: '', download: digests })).toThrow();
  });
});
