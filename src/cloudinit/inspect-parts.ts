// Before adding a part to someone's multipart user-data, find out what their parts already say
// about CA trust: which key spelling they use (the added part must land in the key cloud-init's
// module reads), which certificates they already trust, and shapes that would swallow ours.
import { archiveToParts } from './archive.js';
import { caBlocks, type CaKey } from './ca-trust.js';
import { typeFromStartsWith } from './detect.js';
import { gunzipBounded } from './input-guard.js';
import { userDataError } from './user-data-error.js';
import { parseYaml, toPlain } from './yaml-doc.js';

export interface PayloadPart {
  label: string;
  contentType: string;
  payload: Uint8Array | string;
}

export interface Inspection {
  keys: Set<CaKey>;
  present: Map<CaKey, Set<string>>;
  notes: string[];
}

const gzipTypes = new Set([
  'application/gzip',
  'application/gzip-compressed',
  'application/gzipped',
  'application/x-compress',
  'application/x-compressed',
  'application/x-gunzip',
  'application/x-gzip',
  'application/x-gzip-compressed',
]);
const sniffed = new Set(['text/plain', 'text/x-not-multipart', 'text/x-shellscript']);

export function inspectParts(parts: readonly PayloadPart[]): Inspection {
  const result: Inspection = { keys: new Set(), present: new Map(), notes: [] };
  for (const part of parts) inspectOne(part, result);
  return result;
}

/** The type cloud-init acts on: gzip unwrapped, vague types sniffed from the first characters. */
export function effectivePart(part: PayloadPart): { contentType: string; text: string } {
  let type = part.contentType;
  let bytes: Buffer = Buffer.from(part.payload);
  if (gzipTypes.has(type)) {
    bytes = gunzipBounded(bytes, part.label);
    type = 'text/plain';
  }
  const text = bytes.toString('utf8');
  if (sniffed.has(type)) type = typeFromStartsWith(text) ?? type;
  return { contentType: type, text };
}

function inspectOne(part: PayloadPart, into: Inspection): void {
  const { contentType, text } = effectivePart(part);
  switch (contentType) {
    case 'text/cloud-config':
      return cloudConfig(part.label, text, into);
    case 'text/cloud-config-archive': {
      const { parts } = archiveToParts(text, part.label);
      parts.forEach((p, i) => inspectOne({ label: `${part.label}, archive entry ${i + 1}`, contentType: p.contentType, payload: p.body }, into));
      return;
    }
    case 'text/jinja2':
    case 'text/cloud-config-jsonp':
      // Not parsed (a template only becomes YAML at boot): the spelling is all we need from it.
      for (const m of text.matchAll(/(?:^[ \t]*|\/)(ca[-_]certs)\b/gm)) into.keys.add(m[1] as CaKey);
      return;
    case 'text/x-include-url':
    case 'text/x-include-once-url':
      into.notes.push(`${part.label} includes URLs fetched at boot; any CA settings in them were not checked`);
      return;
    default:
      return;
  }
}

function cloudConfig(label: string, text: string, into: Inspection): void {
  for (const view of caBlocks(toPlain(parseYaml(text, label), label), label)) {
    into.keys.add(view.key);
    if (view.blockIsNull || view.trusted === 'null' || view.trusted === 'string') {
      const shape = view.blockIsNull ? `an empty \`${view.key}:\`` : view.trusted === 'null' ? `an empty \`${view.key}.trusted:\`` : `\`${view.key}.trusted\` as a single string`;
      throw userDataError(`${label} has ${shape}; cloud-init's merge cannot append to that, so the CA would be lost. Make it a list (trusted: [...]) or remove it, then merge again`);
    }
    const set = into.present.get(view.key) ?? new Set<string>();
    view.fingerprints.forEach((f) => set.add(f));
    into.present.set(view.key, set);
  }
}

/** The key our part must use, and a note when the admin's own certificates are already ignored. */
export function chooseKey(inspection: Inspection): { key: CaKey; notes: string[] } {
  if (inspection.keys.has('ca_certs')) {
    const notes = inspection.keys.has('ca-certs')
      ? ['the user-data uses both ca_certs and ca-certs; cloud-init ignores ca-certs then, so certificates under ca-certs are not installed: rename it to ca_certs']
      : [];
    return { key: 'ca_certs', notes };
  }
  return { key: inspection.keys.has('ca-certs') ? 'ca-certs' : 'ca_certs', notes: [] };
}

export function certificatesPresent(inspection: Inspection, key: CaKey): Set<string> {
  return inspection.present.get(key) ?? new Set();
}
