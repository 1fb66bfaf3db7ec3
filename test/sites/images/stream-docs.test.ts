import { describe, expect, it } from 'vitest';
import { assertRelativePath, parseIndex, parseProducts } from '../../../src/sites/images/stream-docs.js';

describe('simplestreams documents', () => {
  it('reads an index: its products files by content id', () => {
    const idx = parseIndex(JSON.stringify({ format: 'index:1.0', updated: 'x', index: { 'a:b': { path: 'streams/v1/a:b.sjson', format: 'products:1.0', datatype: 'image-ids' }, nopath: { format: 'products:1.0' } } }));
    expect(idx).toEqual({ updated: 'x', entries: [{ contentId: 'a:b', path: 'streams/v1/a:b.sjson', format: 'products:1.0', datatype: 'image-ids' }] });
  });

  it('refuses documents of another shape, naming what is wrong', () => {
    expect(() => parseIndex('{')).toThrow(/not JSON/);
    expect(() => parseIndex('{"format":"products:1.0"}')).toThrow(/expected "index:1.0"/);
    expect(() => parseIndex('{"format":"index:1.0","index":{"x":{"path":"../etc/passwd"}}}')).toThrow(/not a plain relative path/);
    expect(() => parseProducts('{"format":"products:1.0","products":{}}')).toThrow(/no content_id/);
    expect(() => parseProducts('{"format":"products:1.0","content_id":"c","products":{"p":{"versions":[]}}}')).toThrow(/versions that are not an object/);
  });

  it('expands _aliases into the nodes that name them', () => {
    const doc = parseProducts(JSON.stringify({ format: 'products:1.0', content_id: 'c', _aliases: { crsn: { east: { region: 'us-east-1', endpoint: 'e' } } }, products: { p: { versions: { v: { items: { i: { crsn: 'east', id: 'ami-1' } } } } } } }));
    const item = (((doc.tree.products as never)['p'] as never)['versions'] as never)['v']['items']['i'];
    expect(item).toMatchObject({ region: 'us-east-1', endpoint: 'e', id: 'ami-1' });
  });

  it('accepts plain relative paths only', () => {
    expect(() => assertRelativePath('noble/amd64/20250805/squashfs', 'x')).not.toThrow();
    for (const bad of ['/etc/passwd', 'a/../b', 'a//b', './a', 'a\\b']) expect(() => assertRelativePath(bad, 'x'), bad).toThrow();
  });
});
