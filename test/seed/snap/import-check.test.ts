import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import type { BundleObject } from '../../../src/seed/bundle/format.js';
import { snapImportCheck, snapNamespaces } from '../../../src/seed/snap/import-check.js';
import { splitAssertions } from '../../../src/sites/snap/assertion.js';
import { assertionPath } from '../../../src/sites/snap/primary-key.js';
import { blobPath, namePath, recordBytes, revisionPath } from '../../../src/sites/snap/records.js';
import { HELLO_ID, helloAssert, helloSnap, sha3hex } from '../../helpers/snap-records.js';
import { TestAuthority } from '../../helpers/snap-signer.js';
import { tempDir } from '../../helpers/tmp.js';

const NS = 'snap-store';

function bundle(items: [string, Buffer][]) {
  const dir = tempDir();
  const objects: BundleObject[] = items.map(([path, body]) => {
    const sha256 = createHash('sha256').update(body).digest('hex');
    writeFileSync(join(dir, sha256), body);
    return { ns: NS, path, sha256, size: body.length, contentType: 'application/octet-stream', lastModified: 1, fetchedAt: 1, digests: {} };
  });
  return { objects, blobFile: (sha: string) => join(dir, sha) };
}

const hello = (): [string, Buffer][] => [
  [blobPath(HELLO_ID, 4), helloSnap()],
  ...splitAssertions(helloAssert()).map((a): [string, Buffer] => [assertionPath(a)!, a.encoded]),
  [revisionPath(HELLO_ID, 4), recordBytes({ name: 'hello-lhc', 'snap-id': HELLO_ID, revision: 4, architectures: ['armhf'], download: { size: 4096, 'sha3-384': sha3hex(helloSnap()) } })],
  [namePath('hello-lhc'), recordBytes({ name: 'hello-lhc', 'snap-id': HELLO_ID, 'default-track': 'latest', snap: {} })],
];

const check = (roots: Buffer[] = [], stored?: Parameters<typeof snapImportCheck>[2]) => snapImportCheck(roots, new Set([NS]), stored);

describe('snap import check', () => {
  it('the snap namespaces are those of snap sites', () => {
    expect([...snapNamespaces(configSchema.parse({}).hostGroups)]).toEqual(['snap-store']);
  });

  it('passes the real snap: Canonical signatures, blob and records agreeing', async () => {
    const b = bundle(hello());
    await expect(check()(b.objects, b.blobFile)).resolves.toBeUndefined();
  });

  it('refuses a blob with other bytes, naming it', async () => {
    const blob = helloSnap();
    blob[100]! ^= 1;
    const b = bundle([[blobPath(HELLO_ID, 4), blob], ...hello().slice(1)]);
    await expect(check()(b.objects, b.blobFile)).rejects.toMatchObject({ code: 'AGC_ERR_BUNDLE', message: expect.stringContaining(`snap-store:/api/v1/snaps/download/${HELLO_ID}_4.snap does not match its revision record`) });
    const noRecord = bundle([[blobPath(HELLO_ID, 4), blob], ...hello().slice(1, 5)]);
    await expect(check()(noRecord.objects, noRecord.blobFile)).rejects.toThrow(/disagrees with its assertions: no snap-revision assertion for sha3-384/);
  });

  it('refuses a tampered assertion, an assertion at another path, and a record that is not one', async () => {
    const items = hello();
    const tampered = items.map(([p, b]): [string, Buffer] => [p, p.includes('snap-revision') ? Buffer.from(b.toString('latin1').replace('snap-size: 4096', 'snap-size: 4095'), 'latin1') : b]);
    const t = bundle(tampered);
    await expect(check()(t.objects, t.blobFile)).rejects.toThrow(/a snap assertion does not verify: snap-revision .*signature does not verify/);
    const moved = bundle([...hello(), ['/v2/assertions/account/someone', splitAssertions(helloAssert())[1]!.encoded]]);
    await expect(check()(moved.objects, moved.blobFile)).rejects.toThrow(/account\/someone holds \/v2\/assertions\/account\/sO7T/);
    const badRecord = bundle([...hello(), ['/@snap/channels/hello-lhc/armhf/latest/edge', Buffer.from('{"revision":"x"}')]]);
    await expect(check()(badRecord.objects, badRecord.blobFile)).rejects.toThrow(/is not a valid channels record/);
  });

  it('test-signed snaps pass only with their root configured; keys may already be stored', async () => {
    const auth = new TestAuthority();
    const s = { name: 'demo', id: 'D'.repeat(32), revision: 3, blob: Buffer.from('demo blob') };
    const items: [string, Buffer][] = [[blobPath(s.id, 3), s.blob], ...splitAssertions(auth.stream(s)).map((a): [string, Buffer] => [assertionPath(a)!, a.encoded])];
    const b = bundle(items);
    await expect(check()(b.objects, b.blobFile)).rejects.toThrow(/no account-key/);
    await expect(check([auth.rootAccountKey])(b.objects, b.blobFile)).resolves.toBeUndefined();
    const withoutKey = bundle(items.filter(([p]) => !p.includes('account-key')));
    const keyPath = assertionPath(splitAssertions(auth.storeAccountKey)[0]!)!;
    await expect(check([auth.rootAccountKey], async (_ns, path) => (path === keyPath ? auth.storeAccountKey : undefined))(withoutKey.objects, withoutKey.blobFile)).resolves.toBeUndefined();
  });

  it('objects in other namespaces are not its business', async () => {
    const b = bundle([['/v2/assertions/account/x', Buffer.from('junk')]]);
    await expect(snapImportCheck([], new Set(['other']))(b.objects, b.blobFile)).resolves.toBeUndefined();
  });
});
