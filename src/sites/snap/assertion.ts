// Snap assertions as snapd encodes them (spec snap-store.md §8.4): a header block of `key: value`
// lines (multi-line values indented), a blank line, an optional body of `body-length` bytes and a
// blank line, then the base64 signature. A stream (a `.assert` file, an assertion-stream URL) is
// such assertions separated by blank lines. Each is kept byte for byte: `encoded` is exactly the
// bytes a store serves for it, `content` exactly the bytes its signature covers.

export interface Assertion {
  type: string;
  /** Top-level headers; a multi-line value is its indented lines joined with `\n`, as written. */
  headers: Record<string, string>;
  revision: number;
  format: number;
  body: Buffer;
  /** Headers, blank line and body: what the signature signs. */
  content: Buffer;
  /** The base64 signature text (line breaks kept). */
  signature: string;
  /** content + blank line + signature: the assertion as served, without a trailing newline. */
  encoded: Buffer;
}

const NL2 = Buffer.from('\n\n');

/** Every assertion of a stream, in order; throws an Error naming the place on anything malformed. */
export function splitAssertions(stream: Buffer): Assertion[] {
  const out: Assertion[] = [];
  let at = 0;
  while (at < stream.length) {
    while (at < stream.length && stream[at] === 0x0a) at++;
    if (at >= stream.length) break;
    const { assertion, end } = decodeAt(stream, at, out.length);
    out.push(assertion);
    at = end;
  }
  return out;
}

/** Exactly one assertion (trailing newlines allowed). */
export function decodeAssertion(bytes: Buffer): Assertion {
  const all = splitAssertions(bytes);
  if (all.length !== 1) throw new Error(`expected one assertion, found ${all.length}`);
  return all[0]!;
}

function decodeAt(buf: Buffer, start: number, index: number): { assertion: Assertion; end: number } {
  const where = `assertion ${index + 1}`;
  const headEnd = buf.indexOf(NL2, start);
  if (headEnd === -1) throw new Error(`${where}: no blank line after the headers`);
  const headers = parseHeaders(buf.subarray(start, headEnd).toString('utf8'), where);
  const type = headers.type;
  if (!type) throw new Error(`${where}: no type header`);
  const bodyLength = intHeader(headers, 'body-length', where);
  let contentEnd = headEnd;
  let body: Buffer = Buffer.alloc(0);
  if (bodyLength > 0) {
    const bodyStart = headEnd + 2;
    body = buf.subarray(bodyStart, bodyStart + bodyLength);
    if (body.length !== bodyLength || !buf.subarray(bodyStart + bodyLength, bodyStart + bodyLength + 2).equals(NL2)) {
      throw new Error(`${where} (${type}): body shorter than its body-length ${bodyLength}, or not followed by a blank line`);
    }
    contentEnd = bodyStart + bodyLength;
  }
  const sigStart = contentEnd + 2;
  const next = buf.indexOf(NL2, sigStart);
  let sigEnd = next === -1 ? buf.length : next;
  while (sigEnd > sigStart && buf[sigEnd - 1] === 0x0a) sigEnd--;
  const signature = buf.subarray(sigStart, sigEnd).toString('ascii');
  if (!/^[A-Za-z0-9+/=\n]+$/.test(signature)) throw new Error(`${where} (${type}): the signature is not base64`);
  const assertion: Assertion = {
    type,
    headers,
    revision: intHeader(headers, 'revision', where),
    format: intHeader(headers, 'format', where),
    body: Buffer.from(body),
    content: Buffer.from(buf.subarray(start, contentEnd)),
    signature,
    encoded: Buffer.from(buf.subarray(start, sigEnd)),
  };
  return { assertion, end: sigEnd };
}

function parseHeaders(text: string, where: string): Record<string, string> {
  const headers: Record<string, string> = {};
  let last: string | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith(' ')) {
      if (last === undefined) throw new Error(`${where}: an indented line before any header`);
      headers[last] = headers[last] === '' ? line : `${headers[last]}\n${line}`;
      continue;
    }
    const m = /^([a-z][a-z0-9-]*):(?: (.*))?$/.exec(line);
    if (!m) throw new Error(`${where}: malformed header line ${JSON.stringify(line.slice(0, 80))}`);
    last = m[1]!;
    if (last in headers) throw new Error(`${where}: header ${last} given twice`);
    headers[last] = m[2] ?? '';
  }
  return headers;
}

function intHeader(headers: Record<string, string>, name: string, where: string): number {
  const v = headers[name];
  if (v === undefined) return 0;
  if (!/^(0|[1-9][0-9]{0,9})$/.test(v)) throw new Error(`${where}: header ${name} is not a number: ${JSON.stringify(v)}`);
  return Number(v);
}

/** A stream as `snap download` writes it: each encoded assertion and a newline, a blank line between. */
export function joinAssertions(list: readonly Assertion[]): Buffer {
  const NL = Buffer.from('\n');
  return Buffer.concat(list.flatMap((a, i) => (i === 0 ? [a.encoded, NL] : [NL, a.encoded, NL])));
}
