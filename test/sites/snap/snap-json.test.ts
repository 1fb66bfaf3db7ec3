import { describe, expect, it } from 'vitest';
import { composeSnap, downloadUrl, localiseSnap } from '../../../src/sites/snap/snap-json.js';
import type { RevisionRecord } from '../../../src/sites/snap/records.js';

const rec: RevisionRecord = { name: 'x', 'snap-id': 'A'.repeat(32), revision: 7, architectures: ['amd64'], version: '1.0', media: [{ type: 'icon', url: 'https://dashboard.snapcraft.io/i.png' }], download: { size: 4096, 'sha3-384': 'a'.repeat(96) } };

describe('snap objects', () => {
  it('download on api.snapcraft.io, no deltas, no media, defaults for what a record lacks', () => {
    const s = composeSnap(rec, 'https://api.snapcraft.io');
    expect(s.download).toEqual({ url: `https://api.snapcraft.io/api/v1/snaps/download/${'A'.repeat(32)}_7.snap`, size: 4096, 'sha3-384': 'a'.repeat(96), deltas: [] });
    expect(s.media).toEqual([]);
    expect(s).toMatchObject({ name: 'x', revision: 7, architectures: ['amd64'], type: 'app', confinement: 'strict', epoch: { read: [0], write: [0] }, version: '1.0' });
  });
  it('upstream snaps get our download URL (never a CDN one), no deltas, no icons', () => {
    const up = { name: 'x', 'snap-id': 'B'.repeat(32), revision: 3, media: [{ type: 'icon', url: 'u' }], download: { url: 'https://x.cdn.snapcraftcontent.com/a', size: 1, 'sha3-384': 'b'.repeat(96), deltas: [{ format: 'xdelta3' }] } };
    expect(localiseSnap(up, 'https://api.snapcraft.io/')).toEqual({ ...up, media: [], download: { url: downloadUrl('https://api.snapcraft.io', 'B'.repeat(32), 3), size: 1, 'sha3-384': 'b'.repeat(96), deltas: [] } });
  });
});
