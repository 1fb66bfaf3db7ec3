import { describe, expect, it } from 'vitest';
import { decodeAssertion, joinAssertions, splitAssertions } from '../../../src/sites/snap/assertion.js';
import { helloAssert } from '../../helpers/snap-records.js';

describe('snap assertions', () => {
  it('splits the real .assert stream into its four assertions, in snap download order', () => {
    const all = splitAssertions(helloAssert());
    expect(all.map((a) => a.type)).toEqual(['account-key', 'account', 'snap-declaration', 'snap-revision']);
    expect(all[0]).toMatchObject({ revision: 2, format: 0, headers: { name: 'store', 'body-length': '717' } });
    expect(all[0]!.body.length).toBe(717);
    expect(all[3]!.headers).toMatchObject({ 'snap-id': 'C5dNhzm9yryAvdNmZOgGAo74OioC3zSn', 'snap-revision': '4', 'snap-size': '4096' });
    expect(all[1]!.revision).toBe(313);
  });

  it('keeps every byte: joined again, the stream is identical; content is exactly what precedes the signature', () => {
    const stream = helloAssert();
    const all = splitAssertions(stream);
    expect(joinAssertions(all).equals(stream)).toBe(true);
    for (const a of all) {
      expect(a.encoded.subarray(0, a.content.length).equals(a.content)).toBe(true);
      expect(a.encoded.subarray(a.content.length).toString()).toBe(`\n\n${a.signature}`);
      expect(decodeAssertion(Buffer.concat([a.encoded, Buffer.from('\n')])).encoded.equals(a.encoded)).toBe(true);
    }
  });

  it('reads multi-line header values and refuses malformed input with the reason', () => {
    const a = decodeAssertion(Buffer.from('type: model\nauthority-id: x\nrequired-snaps:\n  - a\n  - b\nsign-key-sha3-384: k\n\nAAAA'));
    expect(a.headers['required-snaps']).toBe('  - a\n  - b');
    expect(() => decodeAssertion(Buffer.from('type: x\n'))).toThrow(/no blank line/);
    expect(() => decodeAssertion(Buffer.from('authority-id: x\n\nAAAA'))).toThrow(/no type/);
    expect(() => decodeAssertion(Buffer.from('type: x\nbody-length: 10\n\nshort\n\nAAAA'))).toThrow(/body shorter/);
    expect(() => decodeAssertion(Buffer.from('type: x\nrevision: -1\n\nAAAA'))).toThrow(/not a number/);
    expect(() => decodeAssertion(Buffer.from('type: x\n\nnot base64!'))).toThrow(/not base64/);
    expect(() => decodeAssertion(Buffer.from('type: x\n\nAAAA\n\ntype: y\n\nBBBB'))).toThrow(/expected one assertion, found 2/);
  });
});
