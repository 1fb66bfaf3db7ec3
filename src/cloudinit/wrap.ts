// User-data that is not a plain #cloud-config (a jinja template, a shell script, a boothook, an
// #include list, gzip, an archive) is never parsed or rewritten: it becomes a part of a new
// multipart, next to the CA part, so cloud-init runs it exactly as before.
import type { CertSummary } from '../tls/pem.js';
import { caPart } from './ca-part.js';
import { certificatesPresent, chooseKey, inspectParts } from './inspect-parts.js';
import type { MergeOutcome } from './merge.js';
import { renderMultipart, type NewPart } from './mime-write.js';

export function wrapWithCa(parts: readonly NewPart[], cas: readonly CertSummary[], what: string, notes: string[] = []): MergeOutcome {
  const inspection = inspectParts(parts.map((p, i) => ({ label: parts.length === 1 ? what : `${what}, part ${i + 1}`, contentType: p.contentType, payload: p.body })));
  const { key, notes: keyNotes } = chooseKey(inspection);
  const present = certificatesPresent(inspection, key);
  const added = cas.filter((ca) => !present.has(ca.fingerprint256));
  const allNotes = [...notes, ...keyNotes, ...inspection.notes];
  const names = new Set(parts.map((p) => p.filename).filter((n): n is string => n !== undefined));
  const withCa = added.length > 0 ? [...parts, caPart(added, key, names)] : [...parts];
  return { output: Buffer.from(renderMultipart(withCa), 'latin1'), added, notes: allNotes, form: 'mime' };
}
