// cloud-init reads YAML with PyYAML, which speaks YAML 1.1: `0644` is octal, `yes` is true.
// Parsing (and re-printing) with the same version keeps every value meaning what it meant.
import { isMap, parseAllDocuments, parseDocument, type Document } from 'yaml';
import { userDataError } from './user-data-error.js';

export const yamlOptions = { version: '1.1', uniqueKeys: true } as const;
export const printOptions = { lineWidth: 0, minContentWidth: 0 } as const;

/** One YAML document, or a one-line error naming `what` and where the parse failed. */
export function parseYaml(text: string, what: string): Document.Parsed {
  const all = parseAllDocuments(text, yamlOptions);
  if (Array.isArray(all) && all.length > 1) {
    throw userDataError(`${what} holds ${all.length} YAML documents (separated by ---); cloud-init reads exactly one`);
  }
  const doc = parseDocument(text, yamlOptions);
  const problem = doc.errors[0];
  if (problem) throw userDataError(`${what} is not valid YAML: ${describe(problem.message)}`);
  return doc;
}

/** The value cloud-init sees. */
export function toPlain(doc: Document, what: string): unknown {
  try {
    return doc.toJS();
  } catch (err) {
    throw userDataError(`${what} cannot be read as YAML: ${describe((err as Error).message)}`);
  }
}

export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (value instanceof Uint8Array) return 'binary data';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}

function describe(message: string): string {
  return message.split('\n')[0]!.replace(/:$/, '');
}

export function looksLikeYamlMapping(text: string): boolean {
  const doc = parseDocument(text, yamlOptions);
  return doc.errors.length === 0 && isMap(doc.contents);
}
