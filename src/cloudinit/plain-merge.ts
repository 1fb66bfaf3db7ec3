// Adds CA certificates to a plain #cloud-config (or Juju's header-less cloudinit-userdata body)
// without losing anything of the admin's. With no CA block the PEMs are appended as text, so
// every byte of theirs stays put; otherwise the YAML document is edited with its comments kept.
// Either way the result is re-read and checked (plain-verify.ts) before anyone sees it.
import { isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Document } from 'yaml';
import { certificatesIn, type CertSummary } from '../tls/pem.js';
import { caDocument, pemNode } from './ca-document.js';
import { caBlocks, effectiveKey } from './ca-trust.js';
import { verifyPlainMerge } from './plain-verify.js';
import { userDataError } from './user-data-error.js';
import { parseYaml, printOptions, toPlain } from './yaml-doc.js';

export interface PlainMergeResult {
  text: string;
  added: CertSummary[];
  notes: string[];
}

export function mergePlain(text: string, cas: readonly CertSummary[], what: string): PlainMergeResult {
  const doc = parseYaml(text, what);
  const before = toPlain(doc, what);
  const views = caBlocks(before, what);
  const key = effectiveKey(views);
  const present = views.find((v) => v.key === key)?.fingerprints ?? new Set<string>();
  const added = cas.filter((ca) => !present.has(ca.fingerprint256));
  const notes: string[] = [];
  if (views.length === 2) {
    notes.push(`${what} had both ca_certs and ca-certs; cloud-init ignores ca-certs then, so its certificates were moved into ca_certs`);
  } else if (added.length === 0) {
    return { text, added, notes: [`${what} already trusts ${plural(cas.length, 'this CA', 'these CAs')}; printed unchanged`] };
  }
  if (views.length === 0 && (doc.contents === null || (isMap(doc.contents) && !doc.contents.flow))) {
    const appended = `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${caDocument(added, { header: false })}`;
    if (verifies(before, appended, added, what)) return { text: appended, added, notes };
  }
  editDocument(doc, present, added, what);
  const edited = doc.toString(printOptions);
  verifyPlainMerge(before, edited, added, what);
  return { text: edited, added, notes };
}

function verifies(before: unknown, text: string, added: readonly CertSummary[], what: string): boolean {
  try {
    verifyPlainMerge(before, text, added, what);
    return true;
  } catch {
    return false;
  }
}

function editDocument(doc: Document, present: Set<string>, added: readonly CertSummary[], what: string): void {
  if (doc.contents === null) doc.contents = new YAMLMap();
  if (!isMap(doc.contents)) throw userDataError(`${what}: the top level must be a mapping of keys`);
  const root = doc.contents;
  const underscore = pairOf(root, 'ca_certs');
  const dash = pairOf(root, 'ca-certs');
  let target = underscore ?? dash;
  if (!target) {
    target = new Pair(new Scalar('ca_certs'), new YAMLMap());
    root.items.push(target);
  } else if (target === dash) {
    renameKey(dash, 'ca_certs');
  }
  const block = isMap(target.value) ? target.value : new YAMLMap();
  target.value = block;
  // PEM blocks need block style all the way up: a flow collection cannot hold a literal scalar.
  root.flow = false;
  block.flow = false;
  const seq = trustedSeq(block);
  if (underscore && dash) foldDashed(root, dash, seq, present);
  for (const ca of added) seq.items.push(pemNode(ca));
  seq.flow = false;
}

/** Moves `ca-certs.trusted` entries cloud-init would ignore into `ca_certs.trusted`. */
function foldDashed(root: YAMLMap, dash: Pair, seq: YAMLSeq, present: Set<string>): void {
  if (!isMap(dash.value)) {
    root.items.splice(root.items.indexOf(dash), 1);
    return;
  }
  const block = dash.value;
  const trusted = pairOf(block, 'trusted');
  const entries = !trusted ? [] : isSeq(trusted.value) ? trusted.value.items : [trusted.value];
  for (const entry of entries) {
    if (!isScalar(entry) || typeof entry.value !== 'string') continue;
    const certs = certificatesIn(entry.value);
    if (certs.length > 0 && certs.every((c) => present.has(c.fingerprint256))) continue;
    certs.forEach((c) => present.add(c.fingerprint256));
    seq.items.push(entry);
  }
  if (trusted) block.items.splice(block.items.indexOf(trusted), 1);
  if (block.items.length === 0) root.items.splice(root.items.indexOf(dash), 1);
}

/** The block's `trusted` as a sequence: made when absent or empty, a lone string becomes its first item. */
function trustedSeq(block: YAMLMap): YAMLSeq {
  const pair = pairOf(block, 'trusted');
  if (!pair) {
    const seq = new YAMLSeq();
    block.items.push(new Pair(new Scalar('trusted'), seq));
    return seq;
  }
  if (isSeq(pair.value)) return pair.value;
  const seq = new YAMLSeq();
  if (isScalar(pair.value) && typeof pair.value.value === 'string') seq.items.push(pair.value);
  pair.value = seq;
  return seq;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key) as Pair | undefined;
}

function renameKey(pair: Pair, name: string): void {
  if (isScalar(pair.key)) pair.key.value = name;
  else pair.key = new Scalar(name);
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
