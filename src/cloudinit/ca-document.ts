// The cloud-config the appliance writes itself: only a CA block (never remove_defaults, never
// write_files or runcmd), each certificate a literal block with its fingerprint above it.
import { Document, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { CertSummary } from '../tls/pem.js';
import type { CaKey } from './ca-trust.js';
import { printOptions, yamlOptions } from './yaml-doc.js';

/** cloud-init's default merge replaces lists; this appends our certificates to the admin's. */
export const APPEND_MERGE = 'list(append)+dict(no_replace,recurse_list)+str()';

export interface CaDocumentOptions {
  key?: CaKey;
  /** Add `merge_how` so this document appends to earlier parts instead of replacing them. */
  appendMerge?: boolean;
  /** Start with the `#cloud-config` line (Juju's cloudinit-userdata value has none). */
  header?: boolean;
  comment?: string;
}

export function caDocument(cas: readonly CertSummary[], opts: CaDocumentOptions = {}): string {
  const doc = new Document(undefined, yamlOptions);
  const root = new YAMLMap();
  if (opts.appendMerge) root.add(doc.createPair('merge_how', APPEND_MERGE));
  const block = new YAMLMap();
  block.add(doc.createPair('trusted', trustedSeq(cas)));
  root.add(doc.createPair(opts.key ?? 'ca_certs', block));
  doc.contents = root;
  const comments = [opts.comment].filter((c): c is string => Boolean(c)).map((c) => ` ${c}`);
  if (comments.length > 0) doc.commentBefore = comments.join('\n');
  const body = doc.toString(printOptions);
  return opts.header === false ? body : `#cloud-config\n${body}`;
}

export function trustedSeq(cas: readonly CertSummary[]): YAMLSeq {
  const seq = new YAMLSeq();
  for (const ca of cas) seq.items.push(pemNode(ca));
  return seq;
}

/** A literal block scalar holding one PEM, with a comment a human can match to `ca status`. */
export function pemNode(ca: CertSummary): Scalar {
  const node = new Scalar(ca.pem);
  node.type = Scalar.BLOCK_LITERAL;
  const name = /CN=([^,]+)/.exec(ca.subject)?.[1] ?? ca.subject;
  node.commentBefore = ` ${name}: SHA-256 ${ca.fingerprint256}, valid until ${ca.notAfter.toISOString().slice(0, 10)}`;
  return node;
}
