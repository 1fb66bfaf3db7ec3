// `ca userdata --merge`: the admin's user-data in, the same user-data trusting our CAs out.
// Dispatches on the format cloud-init would see (detect.ts).
import type { CertSummary } from '../tls/pem.js';
import { archiveToParts } from './archive.js';
import { caDocument } from './ca-document.js';
import { detectFormat } from './detect.js';
import type { UserDataInput } from './input-guard.js';
import { mergeMime } from './mime-merge.js';
import { mergePlain } from './plain-merge.js';
import { looksLikeYamlMapping } from './yaml-doc.js';
import { userDataError } from './user-data-error.js';
import { wrapWithCa } from './wrap.js';

export interface MergeOutcome {
  output: Buffer;
  added: CertSummary[];
  notes: string[];
  form: 'cloud-config' | 'mime';
}

export function mergeUserData(input: UserDataInput, cas: readonly CertSummary[], what: string): MergeOutcome {
  const format = detectFormat(input.text);
  if (format.kind === 'mime') {
    const outcome = mergeMime(input.bytes, cas, what);
    if (input.gzipped) outcome.notes.push(`${what} was gzip-compressed MIME; the result is printed uncompressed (gzip it again if your platform needs it smaller)`);
    return outcome;
  }
  if (format.kind === 'unknown') return unknownFormat(input.text, cas, input.gzipped ? `${what} (after gunzip)` : what);
  if (input.gzipped) {
    return wrapWithCa([{ contentType: 'application/gzip', body: input.raw }], cas, what, [`${what} is gzip (${format.contentType} inside); it was kept compressed, as one MIME part`]);
  }
  switch (format.contentType) {
    case 'text/cloud-config': {
      const r = mergePlain(input.text, cas, what);
      return { output: Buffer.from(r.text), added: r.added, notes: r.notes, form: 'cloud-config' };
    }
    case 'text/cloud-config-archive': {
      const { parts, notes } = archiveToParts(input.text, what);
      return wrapWithCa(parts, cas, what, [`${what} was a #cloud-config-archive; it is printed as MIME multipart (some cloud-init builds crash on archives)`, ...notes]);
    }
    default:
      return wrapWithCa([{ contentType: format.contentType, body: input.text }], cas, what);
  }
}

function unknownFormat(text: string, cas: readonly CertSummary[], what: string): MergeOutcome {
  if (text.trim() === '') {
    return { output: Buffer.from(caDocument(cas)), added: [...cas], notes: [`${what} is empty; printed the minimal user-data`], form: 'cloud-config' };
  }
  if (/^[A-Za-z0-9+/=\s]+$/.test(text) && text.trim().length >= 16) {
    throw userDataError(`${what} looks base64-encoded (as the MAAS API returns it); decode it first: base64 -d FILE > user-data`);
  }
  if (text.startsWith('\ufeff')) throw userDataError(`${what} starts with a byte-order mark, which hides its first line from cloud-init; save it without BOM`);
  if (looksLikeYamlMapping(text)) {
    throw userDataError(`${what} looks like cloud-config YAML but its first line is not #cloud-config, so cloud-init would ignore it; add that line and merge again`);
  }
  throw userDataError(
    `${what} is not user-data cloud-init recognises: it must start with #cloud-config, #cloud-config-archive, ## template: jinja, #!, #include, #cloud-boothook, #part-handler or be MIME multipart`,
  );
}
