import { describe, expect, it } from 'vitest';
import { exportFacts } from '../../../src/seed/charm/metadata-json.js';

const ID = 'I'.repeat(32);
const base = { architecture: 'amd64', name: 'ubuntu', channel: '22.04' };

describe('facts an export\'s metadata.json gives about one revision', () => {
  it('from a refresh result: id, effective channel on the charm\'s bases, digests, resource types', () => {
    const doc = { results: [{ id: ID, name: 'pg', 'effective-channel': 'stable', 'released-at': '2024-01-01T00:00:00Z', charm: { type: 'charm', revision: 5, version: 'v5', bases: [base], download: { 'hash-sha-256': 'a'.repeat(64) }, resources: [{ name: 'img', type: 'oci-image', revision: 2, filename: '' }] } }], 'default-release': { channel: { track: '14' } } };
    const f = exportFacts(doc, 'pg', 5);
    expect(f).toMatchObject({ id: ID, version: 'v5', sha256: 'a'.repeat(64), channels: [{ channel: 'latest/stable', base, releasedAt: '2024-01-01T00:00:00Z' }] });
    expect(f.resources.get('img')).toEqual({ type: 'oci-image', filename: '', description: '' });
  });

  it('other revisions, other names and odd shapes give nothing', () => {
    const doc = { id: ID, name: 'other', 'channel-map': [{ channel: { name: '1/stable', base }, revision: { revision: 6 } }] };
    expect(exportFacts(doc, 'pg', 5)).toEqual({ channels: [], resources: new Map() });
    expect(exportFacts('just a string', 'pg', 5).id).toBeUndefined();
    expect(exportFacts({ id: 'short', name: 'pg' }, 'pg', 5).id).toBeUndefined();
  });
});
