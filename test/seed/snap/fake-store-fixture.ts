// A fake store (test/helpers/fake-snap-store.ts) holding hello-lhc with its real Canonical-signed
// assertions, and test-signed snaps: `demo` (two tracks, two architectures, base core22, a content
// plug), its prerequisites core22 and snapd, gtk-common-themes as the content provider, and core
// (what hello-lhc, with no base, needs).
import { HELLO_ID, helloAssert, helloSnap } from '../../helpers/snap-records.js';
import { FakeSnapStore, type FakeSnap } from '../../helpers/fake-snap-store.js';
import { TestAuthority } from '../../helpers/snap-signer.js';
import { splitAssertions } from '../../../src/sites/snap/assertion.js';
import { assertionPath } from '../../../src/sites/snap/primary-key.js';

export const DEMO_ID = 'DemoDemoDemoDemoDemoDemoDemoDemo';
const id = (s: string): string => (s + 'x'.repeat(32)).slice(0, 32);

const demoYaml = "name: demo\nversion: '2.0'\nbase: core22\nplugs:\n  gtk-3-themes:\n    interface: content\n    target: $SNAP/share/themes\n    default-provider: gtk-common-themes:gtk-3-themes\n";

export function fakeSnaps(): FakeSnap[] {
  const blob = (s: string, n = 1000) => Buffer.from(s.repeat(Math.ceil(n / s.length)).slice(0, n));
  return [
    { name: 'hello-lhc', id: HELLO_ID, revisions: [{ revision: 4, architectures: ['armhf'], blob: helloSnap(), version: '1.0', base: null }], channels: [['armhf', 'latest/stable', 4]] },
    {
      name: 'demo',
      id: DEMO_ID,
      defaultTrack: '2',
      summary: 'A demo',
      revisions: [
        { revision: 10, architectures: ['amd64'], blob: blob('demo-10-amd64 '), version: '2.0', snapYaml: demoYaml },
        { revision: 11, architectures: ['arm64'], blob: blob('demo-11-arm64 '), version: '2.0', snapYaml: demoYaml },
        { revision: 12, architectures: ['amd64'], blob: blob('demo-12-amd64 '), version: '2.1', snapYaml: demoYaml },
        { revision: 5, architectures: ['amd64'], blob: blob('demo-5-amd64 '), version: '1.0', snapYaml: demoYaml },
      ],
      channels: [['amd64', '2/stable', 10], ['arm64', '2/stable', 11], ['amd64', '2/edge', 12], ['amd64', '1/stable', 5]],
    },
    { name: 'core', id: id('core'), revisions: [{ revision: 16, architectures: ['amd64', 'arm64', 'armhf'], blob: blob('core '), version: '16-2.61', type: 'os', base: null }], channels: [['amd64', 'latest/stable', 16], ['arm64', 'latest/stable', 16], ['armhf', 'latest/stable', 16]] },
    { name: 'core22', id: id('core22'), revisions: [{ revision: 100, architectures: ['amd64', 'arm64'], blob: blob('core22 '), version: '20240101', type: 'base', base: null }], channels: [['amd64', 'latest/stable', 100], ['arm64', 'latest/stable', 100]] },
    { name: 'snapd', id: id('snapd'), revisions: [{ revision: 200, architectures: ['amd64', 'arm64'], blob: blob('snapd '), version: '2.63', type: 'snapd', base: null }], channels: [['amd64', 'latest/stable', 200], ['arm64', 'latest/stable', 200]] },
    { name: 'gtk-common-themes', id: id('gtkcommonthemes'), revisions: [{ revision: 300, architectures: ['all'], blob: blob('themes '), version: '0.1', base: 'core22', snapYaml: "name: gtk-common-themes\nversion: '0.1'\n" }], channels: [['amd64', 'latest/stable', 300], ['arm64', 'latest/stable', 300]] },
  ];
}

export interface FakeStoreFixture {
  store: FakeSnapStore;
  authority: TestAuthority;
}

/** The fake store with every snap's assertions: the real ones for hello-lhc, test-signed for the rest. */
export function fakeStore(authority = new TestAuthority()): FakeStoreFixture {
  const snaps = fakeSnaps();
  const store = new FakeSnapStore(snaps);
  const add = (stream: Buffer) => {
    for (const a of splitAssertions(stream)) store.addAssertion(assertionPath(a)!, a.encoded);
  };
  add(helloAssert());
  for (const s of snaps.slice(1)) for (const r of s.revisions) add(authority.stream({ name: s.name, id: s.id, revision: r.revision, blob: r.blob }));
  return { store, authority };
}
