// #cloud-config-archive: a YAML list of parts. Some cloud-init builds crash on it, so the merge
// turns it into the MIME multipart cloud-init itself would build from it (user_data.py
// `_explode_archive`): the same content, type, filename, launch index and extra headers.
import { typeFromStartsWith } from './detect.js';
import type { NewPart } from './mime-write.js';
import { userDataError } from './user-data-error.js';
import { parseYaml, toPlain, typeName } from './yaml-doc.js';

const notHeaders = new Set(['content', 'filename', 'type', 'launch-index', 'content-disposition', 'number-attachments', 'content-type']);

export interface ArchiveParts {
  parts: NewPart[];
  notes: string[];
}

export function archiveToParts(text: string, what: string): ArchiveParts {
  const list = toPlain(parseYaml(text, what), what);
  if (!Array.isArray(list)) throw userDataError(`${what} is a #cloud-config-archive, which must be a YAML list of parts, but it is ${typeName(list)}`);
  const parts: NewPart[] = [];
  const notes: string[] = [];
  list.forEach((raw: unknown, i) => {
    const entry = typeof raw === 'string' ? { content: raw } : raw;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry) || entry instanceof Uint8Array) {
      notes.push(`${what}: archive entry ${i + 1} is ${typeName(raw)}; cloud-init ignores it, so it was left out`);
      return;
    }
    parts.push(entryToPart(entry as Record<string, unknown>));
  });
  return { parts, notes };
}

function entryToPart(entry: Record<string, unknown>): NewPart {
  const raw = entry.content ?? '';
  const binary = raw instanceof Uint8Array;
  const declared = typeof entry.type === 'string' && entry.type.includes('/') ? entry.type : undefined;
  const contentType = declared ?? (binary ? 'application/octet-stream' : (typeFromStartsWith(String(raw)) ?? 'text/cloud-config'));
  const body = binary && contentType.startsWith('text/') ? Buffer.from(raw).toString('utf8') : binary ? raw : String(raw);
  const headers: [string, string][] = [];
  if (entry['launch-index'] !== undefined) headers.push(['Launch-Index', String(entry['launch-index'])]);
  for (const [k, v] of Object.entries(entry)) if (!notHeaders.has(k.toLowerCase())) headers.push([k, String(v)]);
  return { contentType, body, filename: entry.filename === undefined ? undefined : String(entry.filename), headers };
}
