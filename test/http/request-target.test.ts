import { describe, expect, it } from 'vitest';
import { decodePath, parseRequestTarget, stripPort } from '../../src/http/request-target.js';

describe('parseRequestTarget', () => {
  it('origin-form takes the host from Host, without port, lower-cased', () => {
    expect(parseRequestTarget('/ubuntu/dists/noble/InRelease?x=1', 'Archive.Ubuntu.com:80')).toEqual({
      host: 'archive.ubuntu.com', path: '/ubuntu/dists/noble/InRelease', query: 'x=1', absolute: false,
    });
  });
  it('absolute-form takes the host from the URL and keeps the raw path', () => {
    expect(parseRequestTarget('http://gb.archive.ubuntu.com/ubuntu/pool/a%2Bb.deb', 'gb.archive.ubuntu.com:80')).toEqual({
      host: 'gb.archive.ubuntu.com', path: '/ubuntu/pool/a+b.deb', query: '', absolute: true,
    });
    expect(parseRequestTarget('http://images.maas.io', undefined).path).toBe('/');
  });
  it('refuses userinfo in the target and a Host that disagrees with it', () => {
    expect(() => parseRequestTarget('http://user:pw@archive.ubuntu.com/x', 'archive.ubuntu.com')).toThrow(/user name or password/);
    expect(() => parseRequestTarget('http://archive.ubuntu.com/x', 'evil.example')).toThrow(/disagrees with the target/);
  });

  it('refuses targets that are neither, and a missing Host', () => {
    expect(() => parseRequestTarget('*', 'x')).toThrow(/AGC|request target/);
    expect(() => parseRequestTarget('/x', undefined)).toThrow(/no Host/);
    expect(() => parseRequestTarget('ftp://x/y', 'x')).toThrow();
  });
  it('strips ports and keeps IPv6 literals whole', () => {
    expect(stripPort('[::1]:80')).toBe('[::1]');
    expect(stripPort('Host.Example')).toBe('host.example');
  });
});

describe('decodePath', () => {
  it('decodes once: %3A and %2B become : and +, a literal %25 stays a percent sign', () => {
    expect(decodePath('/a%3Ab%2Bc%2541')).toBe('/a:b+c%41');
  });
  it.each(['/../x', '/a/..', '/./a', '/a/%2e%2e/b', '/a%2Fb', '/a%5Cb', '/a%00', '/a\\b', '/%zz', '/a%0Ab'])('refuses %s', (p) => {
    expect(() => decodePath(p)).toThrow(expect.objectContaining({ code: 'AGC_ERR_BAD_PATH' }));
  });
  it('refuses absurdly long paths', () => {
    expect(() => decodePath('/' + 'a'.repeat(5000))).toThrow(/longer than/);
  });
});
