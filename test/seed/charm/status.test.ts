import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { charmNamespaces, charmsStatus } from '../../../src/seed/charm/status.js';
import { resourceBlobPath } from '../../../src/sites/charm/records.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { CHARM_NS, PG_ID, putCatalogue } from '../../helpers/charm-records.js';
import { tempDir } from '../../helpers/tmp.js';

let store: Store;
beforeEach(() => {
  store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
});
afterEach(() => store.close());

describe('charms status', () => {
  it('lists each channel with revision, version, bases and resources; complete needs the archive and every resource released with it', async () => {
    await putCatalogue(store);
    expect(charmNamespaces(configSchema.parse({}).hostGroups)).toEqual(new Set([CHARM_NS]));
    const full = ['pg-snap:12', 'pg-image:3'];
    const all = await charmsStatus(store, new Set([CHARM_NS, 'empty']));
    expect(all).toEqual([{ ns: CHARM_NS, charms: [
      { name: 'pg-bundle', type: 'bundle', channel: 'latest/stable', revision: 5, version: 'v5', bases: ['all'], resources: [], complete: true, missing: [] },
      { name: 'postgresql', type: 'charm', channel: '14/edge', revision: 470, version: 'v470', bases: ['ubuntu@22.04/amd64'], resources: ['pg-snap:13', 'pg-image:3'], complete: true, missing: [] },
      { name: 'postgresql', type: 'charm', channel: '14/stable', revision: 468, version: 'v468', bases: ['ubuntu@22.04/amd64'], resources: full, complete: true, missing: [] },
      // Same channel, two bases, different revisions and resources: a line each.
      { name: 'postgresql', type: 'charm', channel: '16/stable', revision: 470, version: 'v470', bases: ['ubuntu@22.04/amd64'], resources: ['pg-snap:12'], complete: true, missing: [] },
      { name: 'postgresql', type: 'charm', channel: '16/stable', revision: 500, version: 'v500', bases: ['ubuntu@24.04/amd64'], resources: ['pg-snap:13', 'pg-image:3'], complete: true, missing: [] },
    ] }]);
    store.remove(CHARM_NS, resourceBlobPath(PG_ID, 'pg-snap', 13));
    const after = (await charmsStatus(store, new Set([CHARM_NS])))[0]!.charms;
    expect(after.filter((r) => !r.complete).map((r) => [r.channel, r.revision, r.missing])).toEqual([
      ['14/edge', 470, ['resource pg-snap:13']],
      ['16/stable', 500, ['resource pg-snap:13']],
    ]);
  });
});
