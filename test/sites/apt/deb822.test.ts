import { describe, expect, it } from 'vitest';
import { firstParagraph, paragraphs } from '../../../src/sites/apt/deb822.js';

describe('deb822', () => {
  it('splits paragraphs, folds continuation lines, lower-cases field names', () => {
    const text = 'Package: a\nDescription: short\n long line\n .\n more\n\n\nPackage: b\nVersion: 2\n';
    const ps = [...paragraphs(text)];
    expect(ps).toHaveLength(2);
    expect(ps[0]!.get('description')).toBe('short\nlong line\n.\nmore');
    expect(ps[1]!.get('version')).toBe('2');
  });
  it('skips comments and lines without a field name', () => {
    expect([...firstParagraph('# c\nOrigin: Ubuntu\ngarbage\n').entries()]).toEqual([['origin', 'Ubuntu']]);
  });
});
