// On import, every snap a bundle brings for a snap site is checked as snapd will check it (spec
// §8.3) before anything is visible: each assertion is one well-formed assertion stored at its own
// primary-key path and verifies up to a trusted root; each blob has a snap-revision (carried or
// already stored) naming its sha3-384, size, snap-id and revision, and a declaration naming the
// snap; each record is of its kind, and a revision record agrees with the blob it describes.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { HostGroup } from '../../config/schema.js';
import { AgcError } from '../../errors.js';
import { decodeAssertion, type Assertion } from '../../sites/snap/assertion.js';
import { blobOf } from '../../sites/snap/blobs.js';
import { hexToBase64url } from '../../sites/snap/digest.js';
import { ASSERTIONS_PREFIX, assertionPath } from '../../sites/snap/primary-key.js';
import { isChannelRecord, isNameRecord, isRevisionRecord, RECORDS_PREFIX, revisionPath, type Json, type RevisionRecord } from '../../sites/snap/records.js';
import { objectName, type BundleObject } from '../bundle/format.js';
import type { ImportCheck } from '../import-check.js';
import { crossCheck } from './cross-check.js';
import { TrustChain } from './trust.js';

/** The namespaces the snap site serves: where imports are checked and status looks. */
export function snapNamespaces(groups: readonly HostGroup[]): Set<string> {
  return new Set(groups.filter((g) => g.site === 'snap').map((g) => g.namespace));
}

/** Bytes already in the store at (namespace, path), for keys and assertions a bundle relies on. */
export type StoredBytes = (ns: string, path: string) => Promise<Buffer | undefined>;

export function snapImportCheck(trustedRoots: readonly Buffer[], namespaces: ReadonlySet<string>, stored: StoredBytes = async () => undefined): ImportCheck {
  return async (objects, blobFile) => {
    const mine = objects.filter((o) => namespaces.has(o.ns));
    if (mine.length === 0) return;
    const chain = new TrustChain(trustedRoots);
    const byNs = new Map<string, BundleObject[]>();
    for (const o of mine) byNs.set(o.ns, [...(byNs.get(o.ns) ?? []), o]);
    for (const [ns, list] of byNs) await checkNamespace(ns, list, chain, blobFile, stored);
  };
}

async function checkNamespace(ns: string, list: BundleObject[], chain: TrustChain, blobFile: (sha: string) => string, stored: StoredBytes): Promise<void> {
  const assertions = new Map<string, Assertion>();
  const records = new Map<string, Json>();
  for (const o of list) {
    if (o.path.startsWith(ASSERTIONS_PREFIX)) {
      let a: Assertion;
      try {
        a = decodeAssertion(await readFile(blobFile(o.sha256)));
      } catch (err) {
        throw refuse(o, `is not one snap assertion: ${(err as Error).message}`);
      }
      if (assertionPath(a) !== o.path) throw refuse(o, `holds ${assertionPath(a) ?? `a ${a.type}`} instead`);
      assertions.set(o.path, a);
    } else if (o.path.startsWith(RECORDS_PREFIX)) {
      records.set(o.path, await recordOf(o, blobFile));
    }
  }
  const lookupKey = async (id: string): Promise<Assertion | undefined> => {
    const bytes = await stored(ns, `${ASSERTIONS_PREFIX}account-key/${id}`);
    return bytes ? decodeAssertion(bytes) : undefined;
  };
  try {
    await chain.verifyAll([...assertions.values()], lookupKey);
  } catch (err) {
    throw new AgcError('AGC_ERR_BUNDLE', `${ns}: a snap assertion does not verify: ${(err as Error).message}; the bundle is refused and nothing from it is visible`, { subject: ns });
  }
  for (const o of list) {
    const blob = blobOf(o.path);
    if (!blob || !o.path.startsWith('/api/v1/snaps/download/')) continue;
    const sha3hex = await sha3Of(blobFile(o.sha256));
    const recPath = revisionPath(blob.id, blob.revision);
    const rec = (records.get(recPath) ?? (await storedJson(stored, ns, recPath))) as RevisionRecord | undefined;
    if (rec && isRevisionRecord(rec) && (rec.download.size !== o.size || rec.download['sha3-384'] !== sha3hex)) throw refuse(o, `does not match its revision record (${rec.download.size} bytes, sha3-384 ${rec.download['sha3-384']})`);
    const need = async (path: string): Promise<Assertion | undefined> => assertions.get(path) ?? (await stored(ns, path).then((b) => (b ? decodeAssertion(b) : undefined)));
    const rev = await need(`${ASSERTIONS_PREFIX}snap-revision/${hexToBase64url(sha3hex)}`);
    const decl = await need(`${ASSERTIONS_PREFIX}snap-declaration/16/${blob.id}`);
    const name = rec && isRevisionRecord(rec) ? rec.name : (decl?.headers['snap-name'] ?? '');
    const problem = crossCheck({ name, id: blob.id, revision: blob.revision, size: o.size, sha3hex }, [rev, decl].filter((a): a is Assertion => a !== undefined));
    if (problem) throw refuse(o, `disagrees with its assertions: ${problem}`);
  }
}

async function recordOf(o: BundleObject, blobFile: (sha: string) => string): Promise<Json> {
  let doc: Json;
  try {
    doc = JSON.parse(await readFile(blobFile(o.sha256), 'utf8')) as Json;
  } catch {
    throw refuse(o, 'is not a JSON record');
  }
  const kind = o.path.split('/')[2];
  const ok = kind === 'names' ? isNameRecord(doc) : kind === 'revisions' ? isRevisionRecord(doc) : kind === 'channels' ? isChannelRecord(doc) : false;
  if (!ok) throw refuse(o, `is not a valid ${kind ?? 'snap'} record`);
  return doc;
}

async function storedJson(stored: StoredBytes, ns: string, path: string): Promise<Json | undefined> {
  const b = await stored(ns, path);
  try {
    return b ? (JSON.parse(b.toString('utf8')) as Json) : undefined;
  } catch {
    return undefined;
  }
}

async function sha3Of(file: string): Promise<string> {
  const h = createHash('sha3-384');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) h.update(chunk);
  return h.digest('hex');
}

function refuse(o: BundleObject, why: string): AgcError {
  return new AgcError('AGC_ERR_BUNDLE', `${objectName(o)} ${why}; the bundle is refused and nothing from it is visible`, { subject: objectName(o) });
}
