import { describe, expect, it } from 'vitest';
import { indexBase, selectIndexFiles } from '../../../src/seed/apt/index-select.js';

const paths = [
  'main/binary-amd64/Packages', 'main/binary-amd64/Packages.xz', 'main/binary-amd64/Release', 'main/binary-arm64/Packages.gz',
  'main/binary-all/Packages.xz', 'main/i18n/Translation-en.bz2', 'main/i18n/Translation-de.xz', 'main/i18n/Index',
  'main/cnf/Commands-amd64.xz', 'main/cnf/Commands-all.xz', 'main/dep11/Components-amd64.yml.gz', 'main/dep11/icons-64x64@2.tar.gz',
  'main/debian-installer/binary-amd64/Packages.xz', 'main/source/Sources.xz', 'restricted/binary-amd64/Packages.xz', 'Contents-amd64.gz',
];
const files = paths.map((path) => ({ path, size: 1, hashes: {} }));

describe('selectIndexFiles', () => {
  it('carries every index apt asks for with these components, architectures and languages', () => {
    const got = selectIndexFiles(files, { components: ['main'], architectures: ['amd64'], languages: ['en'], contents: false, sources: false }).map((f) => f.path);
    expect(got).toEqual([
      'main/binary-amd64/Packages', 'main/binary-amd64/Packages.xz', 'main/binary-amd64/Release', 'main/binary-all/Packages.xz',
      'main/i18n/Translation-en.bz2', 'main/i18n/Index', 'main/cnf/Commands-amd64.xz', 'main/cnf/Commands-all.xz',
      'main/dep11/Components-amd64.yml.gz', 'main/dep11/icons-64x64@2.tar.gz',
    ]);
  });
  it('adds Contents and Sources only when asked', () => {
    const got = selectIndexFiles(files, { components: ['main'], architectures: ['amd64'], languages: [], contents: true, sources: true }).map((f) => f.path);
    expect(got).toContain('Contents-amd64.gz');
    expect(got).toContain('main/source/Sources.xz');
    expect(got).not.toContain('main/debian-installer/binary-amd64/Packages.xz');
  });
  it('groups compression variants of one index', () => {
    expect(indexBase('main/binary-amd64/Packages.xz')).toBe('main/binary-amd64/Packages');
    expect(indexBase('main/binary-amd64/Release')).toBe('main/binary-amd64/Release');
  });
});
