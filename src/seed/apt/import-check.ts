// On import, every suite in a bundle is checked as apt would check it: its InRelease verifies with
// the appliance's keyrings (real gpgv), Release and Release.gpg agree with it, and every file the
// bundle carries under dists/SUITE/ is one that Release lists, with the listed size and hashes
// (by-hash paths included). Anything else under dists/ would make apt fail on every machine.
import { readFile } from 'node:fs/promises';
import { AgcError } from '../../errors.js';
import { parseRelease, type HashType, type Release, type ReleaseFile } from '../../sites/apt/release.js';
import { verifyClearsigned, verifyDetached } from '../../sites/apt/signature.js';
import { objectName, type BundleObject } from '../bundle/format.js';
import type { ImportCheck } from '../import-check.js';

const inReleasePath = /^(.*\/dists\/[^/]+)\/InRelease$/;

export function aptImportCheck(keyrings: readonly string[]): ImportCheck {
  return async (objects, blobFile) => {
    const suites = objects.filter((o) => inReleasePath.test(o.path));
    const underSuite = new Map<string, BundleObject[]>();
    for (const o of objects) {
      const m = /^(.*\/dists\/[^/]+)\//.exec(o.path);
      if (!m) continue;
      const key = `${o.ns}\0${m[1]}`;
      underSuite.set(key, [...(underSuite.get(key) ?? []), o]);
    }
    const checked = new Set<string>();
    for (const inRelease of suites) {
      const dir = inReleasePath.exec(inRelease.path)![1]!;
      const key = `${inRelease.ns}\0${dir}`;
      checked.add(key);
      const text = await verifyClearsigned(await readFile(blobFile(inRelease.sha256)), keyrings, objectName(inRelease));
      const release = parseRelease(text);
      for (const o of underSuite.get(key) ?? []) await checkSuiteObject(o, dir, text, release, objects, keyrings, blobFile);
    }
    for (const [key, list] of underSuite) {
      if (!checked.has(key)) throw refuse(list[0]!, 'is under a dists/ directory that has no InRelease in this bundle');
    }
  };
}

async function checkSuiteObject(
  o: BundleObject,
  dir: string,
  text: string,
  release: Release,
  all: readonly BundleObject[],
  keyrings: readonly string[],
  blobFile: (sha256: string) => string,
): Promise<void> {
  const rel = o.path.slice(dir.length + 1);
  if (rel === 'InRelease') return;
  if (rel === 'Release') {
    if ((await readFile(blobFile(o.sha256), 'utf8')) !== text) throw refuse(o, 'differs from the signed text of its InRelease');
    return;
  }
  if (rel === 'Release.gpg') {
    const plain = all.find((x) => x.ns === o.ns && x.path === `${dir}/Release`);
    if (!plain) throw refuse(o, 'comes without its Release');
    await verifyDetached(blobFile(o.sha256), blobFile(plain.sha256), keyrings, objectName(o));
    return;
  }
  const byHash = /^(.*?)by-hash\/(MD5Sum|SHA1|SHA256|SHA512)\/([0-9a-f]+)$/.exec(rel);
  if (byHash) {
    const [, prefix = '', type, hex] = byHash as unknown as [string, string, HashType, string];
    const listed = [...release.files.values()].find((f) => f.path.startsWith(prefix) && !f.path.slice(prefix.length).includes('/') && f.hashes[type] === hex);
    if (!listed) throw refuse(o, `is not a ${type} of any file its Release lists in ${prefix || 'the suite directory'}`);
    return sameBytes(o, listed.size, listed.hashes);
  }
  const listed = release.files.get(rel);
  if (!listed) throw refuse(o, 'is not listed in its InRelease');
  sameBytes(o, listed.size, listed.hashes);
}

function sameBytes(o: BundleObject, size: number, hashes: ReleaseFile['hashes']): void {
  if (o.size !== size) throw refuse(o, `has ${o.size} bytes, its InRelease says ${size}`);
  if (hashes.SHA256 && hashes.SHA256 !== o.sha256) throw refuse(o, `has sha256 ${o.sha256}, its InRelease says ${hashes.SHA256}`);
  if (hashes.SHA512 && o.digests.sha512 && hashes.SHA512 !== o.digests.sha512) throw refuse(o, 'has a SHA512 other than its InRelease lists');
}

function refuse(o: BundleObject, why: string): AgcError {
  return new AgcError('AGC_ERR_BUNDLE', `${objectName(o)} ${why}; the bundle is refused and nothing from it is visible`, { subject: objectName(o) });
}
