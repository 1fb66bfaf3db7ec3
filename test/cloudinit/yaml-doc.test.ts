import { describe, expect, it } from 'vitest';
import { looksLikeYamlMapping, parseYaml, toPlain, typeName } from '../../src/cloudinit/yaml-doc.js';

describe('parseYaml', () => {
  it('reads YAML 1.1 as PyYAML does: octal, yes/no, sexagesimal', () => {
    const v = toPlain(parseYaml('a: 0644\nb: yes\nc: off\nd: 1:20\n', 'u'), 'u');
    expect(v).toEqual({ a: 420, b: true, c: false, d: 80 });
  });

  it('refuses invalid YAML with the place, on one line', () => {
    expect(() => parseYaml('#cloud-config\na: [1\n', 'u.yaml')).toThrow(/^u\.yaml is not valid YAML: .* at line 3, column 1$/);
  });

  it('refuses several documents and duplicate keys (cloud-init would silently keep one)', () => {
    expect(() => parseYaml('a: 1\n---\nb: 2\n', 'u')).toThrow(/holds 2 YAML documents/);
    expect(() => parseYaml('a: 1\na: 2\n', 'u')).toThrow(/Map keys must be unique/);
  });

  it('accepts a document of comments only', () => {
    expect(toPlain(parseYaml('#cloud-config\n', 'u'), 'u')).toBeNull();
  });

  it('names value types for messages', () => {
    expect([typeName(5), typeName('s'), typeName([]), typeName({}), typeName(null)]).toEqual(['a number', 'a string', 'a list', 'a mapping', 'empty']);
    expect(looksLikeYamlMapping('a: 1\n')).toBe(true);
    expect(looksLikeYamlMapping('just words')).toBe(false);
  });
});
