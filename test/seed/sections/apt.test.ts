import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aptSection } from '../../../src/seed/sections/apt.js';
import { aptArchive } from '../../helpers/apt-archive.js';
import { fakeSectionContext } from '../../helpers/fake-section-context.js';
import { StaticUpstream } from '../../helpers/static-upstream.js';
import { tempDir } from '../../helpers/tmp.js';

let upstream: StaticUpstream;
let port: number;
let archive: string;
beforeAll(async () => {
  archive = aptArchive();
  upstream = new StaticUpstream(archive);
  port = await upstream.listen(0, '127.0.0.1');
}, 60_000);
afterAll(() => upstream.close());

const config = (packages: object) =>
  aptSection.schema.parse([{ mirror: 'http://archive.ubuntu.com/ubuntu', suites: ['noble', 'noble-updates'], components: ['main', 'universe'], keyring: join(archive, 'keyring.gpg'), packages }]);

describe('apt section', () => {
  it('seeds the closure of the named packages and the asked priorities, newest across pockets', async () => {
    const r = await aptSection.seed(config({ names: ['extra-tool'], priorities: ['required'] }), fakeSectionContext(port, tempDir()));
    const debs = r.objects.filter((o) => o.path.endsWith('.deb')).map((o) => o.path.split('/').pop()).sort();
    expect(debs).toEqual(['base-files_13ubuntu10_amd64.deb', 'extra-tool_0.5_amd64.deb', 'greeter_1.0_amd64.deb', 'hello-doc_2.10-3_all.deb', 'hello_2.10-3_amd64.deb', 'libgreet1_1.1-1_amd64.deb']);
    expect(r.requested.map((q) => q.item)).toEqual(['http://archive.ubuntu.com/ubuntu noble', 'http://archive.ubuntu.com/ubuntu noble-updates', 'http://archive.ubuntu.com/ubuntu packages']);
  });

  it('all: true carries the whole pool of the chosen components', async () => {
    const r = await aptSection.seed(config({ all: true }), fakeSectionContext(port, tempDir()));
    expect(r.objects.filter((o) => o.path.endsWith('.deb')).length).toBe(8);
  });

  it('names a package that is in none of the suites', async () => {
    await expect(aptSection.seed(config({ names: ['hello', 'no-such-thing'] }), fakeSectionContext(port, tempDir()))).rejects.toThrow(/apt\[0\]\.packages\.names: not in noble, noble-updates .*no-such-thing/);
  });

  it('validates the manifest: a mirror must be a URL, suites are required', () => {
    expect(aptSection.schema.safeParse([{ mirror: 'archive.ubuntu.com', suites: ['noble'] }]).success).toBe(false);
    expect(aptSection.schema.safeParse([{ mirror: 'http://archive.ubuntu.com/ubuntu' }]).success).toBe(false);
    expect((aptSection.schema.parse([{ mirror: 'http://archive.ubuntu.com/ubuntu', suites: ['noble'] }]) as object[])[0]).toMatchObject({ components: ['main', 'restricted', 'universe', 'multiverse'], architectures: ['amd64'], languages: ['en'] });
  });
});
