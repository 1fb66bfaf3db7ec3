// Multipart user-data: one text/cloud-config part carrying only the CA block is spliced in before
// the closing boundary; every other byte of the document stays where it was.
import type { CertSummary } from '../tls/pem.js';
import { caPart } from './ca-part.js';
import { certificatesPresent, chooseKey, inspectParts, type PayloadPart } from './inspect-parts.js';
import { decodedBody, filenameOf, parseMime, type MimeEntity } from './mime-read.js';
import { renderMultipart, renderPart } from './mime-write.js';
import type { MergeOutcome } from './merge.js';
import { userDataError } from './user-data-error.js';

export function mergeMime(bytes: Buffer, cas: readonly CertSummary[], what: string): MergeOutcome {
  const src = bytes.toString('latin1');
  const root = parseMime(src);
  const leaves = leafEntities(root);
  const inspection = inspectParts(leaves.map((e, i) => asPayload(src, e, `${what}, part ${i + 1} (${e.contentType})`)));
  const { key, notes } = chooseKey(inspection);
  const present = certificatesPresent(inspection, key);
  const added = cas.filter((ca) => !present.has(ca.fingerprint256));
  notes.push(...inspection.notes);
  if (added.length === 0) return { output: bytes, added, notes: [...notes, `${what} already trusts every CA; printed unchanged`], form: 'mime' };
  const part = caPart(added, key, new Set(leaves.map(filenameOf).filter((n): n is string => n !== undefined)));
  if (!root.contentType.startsWith('multipart/')) {
    // A single-part MIME message: it becomes the first part of a new multipart, verbatim.
    return { output: Buffer.from(renderMultipart([{ raw: src }, part]), 'latin1'), added, notes, form: 'mime' };
  }
  if (!root.params.boundary) throw userDataError(`${what} declares ${root.contentType} but gives no boundary`);
  if (root.closeLineStart === undefined) {
    throw userDataError(`${what} is multipart but has no closing --${root.params.boundary ?? ''}-- line; it looks truncated`);
  }
  const rendered = renderPart(part, root.eol);
  if (rendered.includes(`\n--${root.params.boundary}`)) throw userDataError(`${what} uses a MIME boundary that also occurs in the CA part; refusing to guess`);
  const insert = `--${root.params.boundary}${root.eol}${rendered}${root.eol}`;
  const out = src.slice(0, root.closeLineStart) + insert + src.slice(root.closeLineStart);
  return { output: Buffer.from(out, 'latin1'), added, notes, form: 'mime' };
}

function leafEntities(e: MimeEntity): MimeEntity[] {
  if (e.contentType.startsWith('multipart/')) return e.children.flatMap(leafEntities);
  return [e];
}

function asPayload(src: string, e: MimeEntity, label: string): PayloadPart {
  return { label, contentType: e.contentType, payload: decodedBody(src, e) };
}
