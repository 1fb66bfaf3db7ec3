// A .snap file admins already have, described as the store would describe it: identity from its
// signed snap-revision (found by the file's sha3-384) and snap-declaration, everything else from
// its meta/snap.yaml and the publisher's account assertion. Its own NAME_REV.assert, when beside
// it, must hold that snap-revision: a .snap with another snap's .assert is a mismatched pair.
import { basename } from 'node:path';
import type { Assertion } from '../../sites/snap/assertion.js';
import { hexToBase64url } from '../../sites/snap/digest.js';
import { ASSERTIONS_PREFIX } from '../../sites/snap/primary-key.js';
import type { JsonObject, RevisionRecord } from '../../sites/snap/records.js';
import { crossCheck } from './cross-check.js';
import { readSnapYamlText, sha3AndSize } from './snap-file.js';
import { parseSnapYaml } from './snap-yaml.js';

export type Pool = ReadonlyMap<string, Assertion>;

export type LocalSnap = { ok: true; file: string; rev: RevisionRecord; size: number } | { ok: false; file: string; problem: string };

export async function describeLocalSnap(file: string, pool: Pool, ownAssert: readonly Assertion[] | undefined): Promise<LocalSnap> {
  const fail = (problem: string): LocalSnap => ({ ok: false, file, problem });
  const { sha3hex, size } = await sha3AndSize(file);
  const sha3 = hexToBase64url(sha3hex);
  const rev = pool.get(`${ASSERTIONS_PREFIX}snap-revision/${sha3}`);
  if (!rev) return fail(`no snap-revision assertion names its sha3-384 ${sha3}`);
  if (ownAssert && !ownAssert.some((a) => a.type === 'snap-revision' && a.headers['snap-sha3-384'] === sha3)) {
    return fail(`its .assert beside it is for another snap (mismatched pair)`);
  }
  const id = rev.headers['snap-id'] ?? '';
  const revision = Number(rev.headers['snap-revision']);
  const decl = pool.get(`${ASSERTIONS_PREFIX}snap-declaration/16/${id}`);
  const name = decl?.headers['snap-name'] ?? '';
  const problem = crossCheck({ name, id, revision, size, sha3hex }, [rev, ...(decl ? [decl] : [])]);
  if (problem) return fail(problem);
  const stem = /^(.+)_(\d+)\.snap$/.exec(basename(file));
  if (stem && (stem[1] !== name || Number(stem[2]) !== revision)) return fail(`its name says ${stem[1]} revision ${stem[2]}, its assertions ${name} revision ${revision} (mismatched pair)`);
  const yamlText = await readSnapYamlText(file);
  let y;
  try {
    y = parseSnapYaml(yamlText);
  } catch (err) {
    return fail(`meta/snap.yaml: ${(err as Error).message}`);
  }
  if (y.name !== name) return fail(`its snap.yaml names ${y.name}, its declaration ${name}`);
  const publisherId = decl!.headers['publisher-id'] ?? '';
  const account = pool.get(`${ASSERTIONS_PREFIX}account/${publisherId}`);
  const publisher: JsonObject = { id: publisherId, username: account?.headers.username ?? publisherId, 'display-name': account?.headers['display-name'] ?? publisherId, validation: account?.headers.validation ?? 'unproven' };
  const rec: RevisionRecord = {
    name,
    'snap-id': id,
    revision,
    version: y.version,
    type: y.type,
    base: y.base ?? null,
    confinement: y.confinement,
    architectures: y.architectures,
    epoch: y.epoch,
    publisher,
    summary: y.summary ?? '',
    description: y.description ?? '',
    title: y.title ?? name,
    license: y.license ?? null,
    'created-at': rev.headers.timestamp ?? '',
    'snap-yaml': yamlText,
    prices: {},
    private: false,
    download: { size, 'sha3-384': sha3hex },
  };
  return { ok: true, file, rev: rec, size };
}
