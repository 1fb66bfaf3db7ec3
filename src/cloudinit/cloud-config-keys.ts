// The top-level keys every cloud-config part of a user-data sets (plain or multipart, gzip parts
// unwrapped). Other part types contribute nothing.
import { detectFormat } from './detect.js';
import { effectivePart } from './inspect-parts.js';
import { decodedBody, parseMime, type MimeEntity } from './mime-read.js';
import { parseYaml, toPlain } from './yaml-doc.js';

export function cloudConfigKeys(bytes: Buffer): Set<string> {
  const text = bytes.toString('utf8');
  const format = detectFormat(text);
  if (format.kind === 'single' && format.contentType === 'text/cloud-config') return keysOf(text);
  if (format.kind !== 'mime') return new Set();
  const src = bytes.toString('latin1');
  const keys = new Set<string>();
  for (const leaf of leaves(parseMime(src))) {
    const part = effectivePart({ label: 'part', contentType: leaf.contentType, payload: decodedBody(src, leaf) });
    if (part.contentType === 'text/cloud-config') keysOf(part.text).forEach((k) => keys.add(k));
  }
  return keys;
}

function keysOf(text: string): Set<string> {
  const value = toPlain(parseYaml(text, 'cloud-config'), 'cloud-config');
  return new Set(value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []);
}

function leaves(e: MimeEntity): MimeEntity[] {
  return e.contentType.startsWith('multipart/') ? e.children.flatMap(leaves) : [e];
}
