import { describe, expect, it } from 'vitest';
import { recordSpecs, revisionRecordOf } from '../../../src/seed/snap/records-build.js';

const snap = { name: 'x', 'snap-id': 'I'.repeat(32), revision: 3, architectures: ['amd64'], summary: 's', media: [{ type: 'icon', url: 'u' }], download: { url: 'https://cdn/x', size: 5, 'sha3-384': 'a'.repeat(96), deltas: [] } };

describe('records from store answers', () => {
  it('a revision record keeps the snap object but the URL, deltas and media', () => {
    expect(revisionRecordOf(snap)).toEqual({ name: 'x', 'snap-id': 'I'.repeat(32), revision: 3, architectures: ['amd64'], summary: 's', download: { size: 5, 'sha3-384': 'a'.repeat(96) } });
    expect(revisionRecordOf({ ...snap, download: { size: 5 } })).toBeUndefined();
  });
  it('one record per revision, one name record (info first, then the newest revision), one per channel', () => {
    const r3 = revisionRecordOf(snap)!;
    const r4 = revisionRecordOf({ ...snap, revision: 4, summary: 'newer' })!;
    const specs = recordSpecs('snap-store', [r3, r4], '2', { title: 'X' }, [{ arch: 'amd64', channel: '2/stable', revision: 4, releasedAt: 't' }, { arch: 'amd64', channel: '2/edge', revision: 3 }]);
    expect(specs.map((s) => s.path)).toEqual([`/@snap/revisions/${'I'.repeat(32)}/3`, `/@snap/revisions/${'I'.repeat(32)}/4`, '/@snap/names/x', '/@snap/channels/x/amd64/2/stable', '/@snap/channels/x/amd64/2/edge']);
    expect(JSON.parse(specs[2]!.bytes.toString())).toEqual({ name: 'x', 'snap-id': 'I'.repeat(32), 'default-track': '2', snap: { title: 'X', summary: 'newer' } });
    expect(JSON.parse(specs[3]!.bytes.toString())).toEqual({ revision: 4, 'released-at': 't' });
    expect(JSON.parse(specs[4]!.bytes.toString())).toEqual({ revision: 3 });
    expect(specs.every((s) => s.ns === 'snap-store' && s.contentType === 'application/json')).toBe(true);
  });
});
