// Writing MIME parts: readable 7bit text when the payload allows it, base64 otherwise, so the
// payload cloud-init decodes is byte for byte what was given.
import { randomBytes } from 'node:crypto';

export interface NewPart {
  contentType: string;
  body: string | Uint8Array;
  filename?: string;
  headers?: [string, string][];
}

/** A part already in MIME form (an admin's original message), copied verbatim. */
export interface RawPart {
  raw: string;
}

/** Headers, blank line and encoded body, as a latin1 string; no trailing line break. */
export function renderPart(part: NewPart, eol = '\n'): string {
  const text = typeof part.body === 'string' ? part.body : undefined;
  const sevenBit = text !== undefined && isSevenBitSafe(text);
  const isText = part.contentType.startsWith('text/');
  const lines = [`Content-Type: ${part.contentType}${isText ? `; charset="${sevenBit ? 'us-ascii' : 'utf-8'}"` : ''}`, 'MIME-Version: 1.0'];
  lines.push(`Content-Transfer-Encoding: ${sevenBit ? '7bit' : 'base64'}`);
  if (part.filename !== undefined) lines.push(`Content-Disposition: attachment; filename="${part.filename.replace(/["\\\r\n]/g, '_')}"`);
  for (const [name, value] of part.headers ?? []) lines.push(`${name}: ${value.replace(/[\r\n]+/g, ' ')}`);
  const body = sevenBit ? text!.replace(/\n/g, eol) : wrap64(Buffer.from(part.body).toString('base64'), eol);
  // Python's parser gives the line break before the next delimiter to the delimiter, so the
  // payload ends exactly where `body` ends.
  return `${lines.join(eol)}${eol}${eol}${body}`;
}

export function renderMultipart(parts: readonly (NewPart | RawPart)[], eol = '\n'): string {
  const rendered = parts.map((p) => ('raw' in p ? p.raw : renderPart(p, eol)));
  const boundary = chooseBoundary(rendered);
  const head = [`Content-Type: multipart/mixed; boundary="${boundary}"`, 'MIME-Version: 1.0', '', ''].join(eol);
  return `${head}${rendered.map((r) => `--${boundary}${eol}${r}${eol}`).join('')}--${boundary}--${eol}`;
}

/** A boundary that no line of any part starts with. */
export function chooseBoundary(contents: readonly string[]): string {
  for (;;) {
    const boundary = `===============airgap-cache-${randomBytes(9).toString('hex')}==`;
    if (!contents.some((c) => c.includes(`--${boundary}`))) return boundary;
  }
}

function isSevenBitSafe(text: string): boolean {
  return !/[^\x20-\x7e\t\n]/.test(text) && text.split('\n').every((l) => l.length <= 998);
}

function wrap64(b64: string, eol: string): string {
  return (b64.match(/.{1,76}/g) ?? []).join(eol);
}
