// A seed manifest: YAML whose top-level keys are sections (sections/registry.ts). Every problem is
// reported with its file, line and key path (`manifest.yaml:4: urls[1]: …`), and unknown keys name
// the sections that exist.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { AgcError } from '../errors.js';
import { sections } from './sections/registry.js';
import type { AnySection } from './sections/section.js';

export interface Manifest {
  file: string;
  text: string;
  /** The sections present, in registry order, with their validated configuration (and companion keys). */
  sections: { section: AnySection; config: unknown; companions?: Record<string, unknown> }[];
}

export function loadManifest(file: string): Manifest {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new AgcError('AGC_ERR_MANIFEST', `cannot read manifest ${file}: ${(cause as Error).message}`, { subject: file, cause });
  }
  return parseManifest(text, file);
}

export function parseManifest(text: string, file: string): Manifest {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const at = e.linePos?.[0];
    throw fail(`${file}${at ? `:${at.line}` : ''}: not valid YAML: ${e.message.split('\n')[0]}`, file);
  }
  const raw: unknown = doc.toJS() ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail(`${file}: expected a mapping of sections (${known()}) at the top level`, file);
  const shape = Object.fromEntries(sections.flatMap((s) => [[s.key, s.schema.optional()], ...Object.entries(s.companions ?? {}).map(([k, v]) => [k, v.optional()])]));
  const result = z.object(shape).strict().safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => describe(issue, raw, doc, lines, file));
    throw fail(problems.join('\n'), file);
  }
  const data = result.data as Record<string, unknown>;
  const present = sections
    .filter((s) => data[s.key] !== undefined)
    .map((section) => ({ section, config: data[section.key], companions: Object.fromEntries(Object.keys(section.companions ?? {}).map((k) => [k, data[k]])) }));
  if (present.length === 0) throw fail(`${file}: the manifest asks for nothing; give at least one of the sections ${known()}`, file);
  return { file, text, sections: present };
}

function describe(issue: z.core.$ZodIssue, raw: unknown, doc: Document, lines: LineCounter, file: string): string {
  const path = issue.path as (string | number)[];
  const where = `${file}${lineOf(doc, lines, path)}: ${keyPath(path) || '(top level)'}`;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    const at = `${file}${keyLine(doc, lines, path, issue.keys[0]!) ?? lineOf(doc, lines, path)}`;
    return path.length === 0 ? `${at}: unknown section ${keys} (known sections: ${known()})` : `${at}: ${keyPath(path)}: unknown key ${keys}`;
  }
  const got = valueAt(raw, path);
  return `${where}: ${issue.message}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}`;
}

/** `urls[1].sha256`, as a reader of the YAML would name it. */
export function keyPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

type Ranged = { range?: [number, number, number] };

function lineOf(doc: Document, lines: LineCounter, path: (string | number)[]): string {
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as Ranged | undefined;
    if (node?.range) return `:${lines.linePos(node.range[0]).line}`;
    // A key whose value is null: point at the key itself.
    const key = keyLine(doc, lines, path.slice(0, n - 1), path[n - 1]!);
    if (key) return key;
  }
  return '';
}

function keyLine(doc: Document, lines: LineCounter, mapPath: (string | number)[], key: string | number): string | undefined {
  const map = (mapPath.length === 0 ? doc.contents : doc.getIn(mapPath, true)) as { items?: { key?: Ranged & { value?: unknown } }[] } | undefined;
  const range = map?.items?.find((it) => it.key?.value === key)?.key?.range;
  return range ? `:${lines.linePos(range[0]).line}` : undefined;
}

function valueAt(input: unknown, path: (string | number)[]): unknown {
  let cur = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

function known(): string {
  return sections.map((s) => s.key).join(', ');
}

function fail(message: string, file: string): AgcError {
  return new AgcError('AGC_ERR_MANIFEST', message, { subject: file });
}
