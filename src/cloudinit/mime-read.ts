// A MIME reader just large enough for user-data, following Python's email parser as cloud-init
// uses it. It works on a latin1 view of the bytes so every offset is a byte offset: the merge
// splices a new part in and leaves every other byte where it was.
import { userDataError } from './user-data-error.js';

export interface MimeEntity {
  start: number;
  end: number;
  bodyStart: number;
  headers: { name: string; value: string }[];
  /** Lower-case `type/subtype`; `text/plain` when absent or malformed, as Python reports it. */
  contentType: string;
  params: Record<string, string>;
  /** Parts of a multipart entity (empty otherwise). */
  children: MimeEntity[];
  /** Multipart only: where the line `--boundary--` starts, if there is one. */
  closeLineStart?: number;
  /** The line ending this entity's delimiter lines use. */
  eol: string;
}

const MAX_DEPTH = 8;
const headerLine = /^(From |[\x21-\x39\x3b-\x7e]*:|[\t ])/;

export function parseMime(src: string): MimeEntity {
  return parseEntity(src, 0, src.length, 0);
}

function parseEntity(src: string, start: number, end: number, depth: number): MimeEntity {
  if (depth > MAX_DEPTH) throw userDataError(`MIME parts are nested more than ${MAX_DEPTH} deep`);
  const headers: { name: string; value: string }[] = [];
  let pos = start;
  while (pos < end) {
    const [line, next] = lineAt(src, pos, end);
    if (line === '') {
      pos = next;
      break;
    }
    if (!headerLine.test(line)) break;
    if (/^[\t ]/.test(line) && headers.length > 0) headers[headers.length - 1]!.value += ` ${line.trim()}`;
    else if (line.includes(':')) headers.push({ name: line.slice(0, line.indexOf(':')).trim(), value: line.slice(line.indexOf(':') + 1).trim() });
    pos = next;
  }
  const { type, params } = parseContentType(headerValue(headers, 'content-type'));
  const entity: MimeEntity = { start, end, bodyStart: pos, headers, contentType: type, params, children: [], eol: '\n' };
  if (type.startsWith('multipart/') && params.boundary) splitMultipart(src, entity, params.boundary, depth);
  return entity;
}

function splitMultipart(src: string, entity: MimeEntity, boundary: string, depth: number): void {
  const delimiter = new RegExp(`^--${escapeRegExp(boundary)}(--)?[ \\t]*$`);
  let partStart: number | undefined;
  let pos = entity.bodyStart;
  while (pos < entity.end) {
    const [line, next, eol] = lineAt(src, pos, entity.end);
    const m = delimiter.exec(line);
    if (m) {
      if (partStart !== undefined) {
        // The line break before a delimiter belongs to the delimiter, not to the part.
        const partEnd = Math.max(partStart, pos - precedingEol(src, pos));
        entity.children.push(parseEntity(src, partStart, partEnd, depth + 1));
      }
      entity.eol = eol || entity.eol;
      if (m[1]) {
        entity.closeLineStart = pos;
        return;
      }
      partStart = next;
    }
    pos = next;
  }
  if (partStart !== undefined) entity.children.push(parseEntity(src, partStart, entity.end, depth + 1));
}

export function headerValue(headers: readonly { name: string; value: string }[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name)?.value;
}

/** The decoded bytes of a leaf entity (base64 and quoted-printable undone). */
export function decodedBody(src: string, e: MimeEntity): Buffer {
  const body = src.slice(e.bodyStart, e.end);
  const cte = (headerValue(e.headers, 'content-transfer-encoding') ?? '').toLowerCase();
  if (cte === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (cte === 'quoted-printable') return decodeQuotedPrintable(body);
  return Buffer.from(body, 'latin1');
}

export function filenameOf(e: MimeEntity): string | undefined {
  return parseContentType(`x/x; ${paramsPart(headerValue(e.headers, 'content-disposition'))}`).params.filename;
}

export function parseContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  if (!value) return { type: 'text/plain', params };
  const [head, ...rest] = splitParams(value);
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq === -1) continue;
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    params[p.slice(0, eq).trim().toLowerCase()] = v;
  }
  const type = (head ?? '').trim().toLowerCase();
  return { type: type.split('/').length === 2 ? type : 'text/plain', params };
}

function paramsPart(value: string | undefined): string {
  if (!value) return '';
  const semi = value.indexOf(';');
  return semi === -1 ? '' : value.slice(semi + 1);
}

function splitParams(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && quoted) {
      cur += c + (value[++i] ?? '');
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function lineAt(src: string, pos: number, end: number): [line: string, next: number, eol: string] {
  const nl = src.indexOf('\n', pos);
  if (nl === -1 || nl >= end) return [src.slice(pos, end).replace(/\r$/, ''), end, ''];
  const cr = nl > pos && src[nl - 1] === '\r';
  return [src.slice(pos, cr ? nl - 1 : nl), nl + 1, cr ? '\r\n' : '\n'];
}

function precedingEol(src: string, pos: number): number {
  if (src[pos - 1] !== '\n') return 0;
  return src[pos - 2] === '\r' ? 2 : 1;
}

function decodeQuotedPrintable(body: string): Buffer {
  const soft = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(soft.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
