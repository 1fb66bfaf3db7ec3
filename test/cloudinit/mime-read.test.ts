import { describe, expect, it } from 'vitest';
import { decodedBody, filenameOf, headerValue, parseContentType, parseMime } from '../../src/cloudinit/mime-read.js';

const doc = [
  'Content-Type: multipart/mixed;',
  '  boundary="==b=="',
  'MIME-Version: 1.0',
  '',
  'preamble',
  '--==b==',
  'Content-Type: text/x-shellscript',
  'Content-Transfer-Encoding: base64',
  'Content-Disposition: attachment; filename="s.sh"',
  '',
  Buffer.from('#!/bin/sh\n').toString('base64'),
  '--==b==',
  'Content-Type: multipart/alternative; boundary=inner',
  '',
  '--inner',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  '#cloud-config=0Ahostname: caf=C3=A9',
  '--inner--',
  '--==b==  ',
  '',
  'no headers here',
  '--==b==--',
  'epilogue',
].join('\n');

describe('parseMime', () => {
  it('splits parts, nested multiparts and header continuations like Python email does', () => {
    const root = parseMime(doc);
    expect(root.contentType).toBe('multipart/mixed');
    expect(root.params.boundary).toBe('==b==');
    expect(root.children.map((c) => c.contentType)).toEqual(['text/x-shellscript', 'multipart/alternative', 'text/plain']);
    expect(root.closeLineStart).toBe(doc.indexOf('--==b==--'));
    const [script, inner, bare] = root.children;
    expect(decodedBody(doc, script!).toString()).toBe('#!/bin/sh\n');
    expect(filenameOf(script!)).toBe('s.sh');
    expect(decodedBody(doc, inner!.children[0]!).toString('utf8')).toBe('#cloud-config\nhostname: café');
    expect(decodedBody(doc, bare!).toString()).toBe('no headers here');
  });

  it('gives the line break before a delimiter to the delimiter, in LF and CRLF documents', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = ['Content-Type: multipart/mixed; boundary=b', 'MIME-Version: 1.0', '', '--b', '', 'line1', 'line2', '', '--b--', ''].join(eol);
      const root = parseMime(text);
      expect(decodedBody(text, root.children[0]!).toString()).toBe(`line1${eol}line2${eol}`);
      expect(root.eol).toBe(eol);
    }
  });

  it('leaves closeLineStart unset when the closing boundary is missing', () => {
    const root = parseMime('Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n');
    expect(root.children).toHaveLength(1);
    expect(root.closeLineStart).toBeUndefined();
  });

  it('reads content types the way Python reports them', () => {
    expect(parseContentType(undefined).type).toBe('text/plain');
    expect(parseContentType('garbage').type).toBe('text/plain');
    expect(parseContentType('Text/Cloud-Config; charset="us-ascii"')).toEqual({ type: 'text/cloud-config', params: { charset: 'us-ascii' } });
    expect(parseContentType('multipart/mixed; boundary="a;b\\"c"').params.boundary).toBe('a;b"c');
    expect(headerValue([{ name: 'X-A', value: '1' }], 'x-a')).toBe('1');
  });

  it('refuses absurd nesting', () => {
    let text = 'x';
    for (let i = 0; i < 12; i++) text = `Content-Type: multipart/mixed; boundary=b${i}\n\n--b${i}\n${text}\n--b${i}--\n`;
    expect(() => parseMime(text)).toThrow(/nested more than 8 deep/);
  });
});
