import { describe, expect, it } from 'vitest';
import { renderCharms } from '../../src/cli/charms-status-view.js';

describe('charms status view', () => {
  it('one aligned line per channel, bundles marked, what is missing named', () => {
    expect(renderCharms([{ ns: 'charmhub', charms: [
      { name: 'pg-bundle', type: 'bundle', channel: 'latest/stable', revision: 5, version: 'v5', bases: ['all'], resources: [], complete: true, missing: [] },
      { name: 'postgresql', type: 'charm', channel: '16/stable', revision: 500, version: 'v500', bases: ['ubuntu@24.04/amd64'], resources: ['pg-snap:13', 'pg-image:3'], complete: false, missing: ['resource pg-snap:13'] },
    ] }])).toEqual([
      'charms charmhub',
      '  pg-bundle (bundle)  latest/stable  r5    v5    all                 -                      complete',
      '  postgresql          16/stable      r500  v500  ubuntu@24.04/amd64  pg-snap:13,pg-image:3  INCOMPLETE (missing resource pg-snap:13)',
    ]);
    expect(renderCharms([])).toEqual([]);
  });
});
