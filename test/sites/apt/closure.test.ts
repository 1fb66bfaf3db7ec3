import { describe, expect, it } from 'vitest';
import { PackageUniverse, resolveClosure } from '../../../src/sites/apt/closure.js';
import { parsePackages } from '../../../src/sites/apt/packages.js';

function pkg(name: string, version: string, extra = ''): string {
  return `Package: ${name}\nVersion: ${version}\nArchitecture: amd64\nFilename: pool/main/${name}_${version}.deb\nSize: 1\nSHA256: ${'0'.repeat(64)}\n${extra}`;
}

function universe(stanzas: [string, string][]) {
  return new PackageUniverse(stanzas.flatMap(([suite, text]) => [...parsePackages(text, suite)]));
}

const names = (r: { packages: { name: string; version: string }[] }) => r.packages.map((p) => `${p.name}=${p.version}`).sort();

describe('resolveClosure', () => {
  it('takes the newest version across pockets and follows Depends and Pre-Depends', () => {
    const u = universe([
      ['noble', [pkg('app', '1.0', 'Depends: libx (>= 1.0)\nPre-Depends: base'), pkg('libx', '1.0'), pkg('base', '1')].join('\n\n')],
      ['noble-updates', pkg('libx', '1.2')],
    ]);
    expect(names(resolveClosure(u, { names: ['app'], priorities: [], recommends: false }))).toEqual(['app=1.0', 'base=1', 'libx=1.2']);
  });

  it('honours upper bounds, picks the first satisfiable alternative, resolves virtual packages', () => {
    const u = universe([
      ['noble', [
        pkg('app', '1', 'Depends: libold (<< 2), missing-one | mta, www-browser'),
        pkg('libold', '1.5'), pkg('libold', '2.0'),
        pkg('postfix', '3', 'Provides: mta'),
        pkg('lynx', '2', 'Provides: www-browser'),
      ].join('\n\n')],
    ]);
    expect(names(resolveClosure(u, { names: ['app'], priorities: [], recommends: false }))).toEqual(['app=1', 'libold=1.5', 'lynx=2', 'postfix=3']);
  });

  it('adds Recommends only when asked, and every package of the asked priorities', () => {
    const u = universe([['noble', [pkg('app', '1', 'Recommends: docs'), pkg('docs', '1'), pkg('bash', '5', 'Priority: required')].join('\n\n')]]);
    expect(names(resolveClosure(u, { names: ['app'], priorities: ['required'], recommends: false }))).toEqual(['app=1', 'bash=5']);
    expect(names(resolveClosure(u, { names: ['app'], priorities: [], recommends: true }))).toEqual(['app=1', 'docs=1']);
  });

  it('reports what nothing provides, and a dependency already satisfied by a provider is not pulled twice', () => {
    const u = universe([['noble', [pkg('app', '1', 'Depends: ghost (>= 2), mta\nRecommends: absent-ok'), pkg('exim', '4', 'Provides: mta'), pkg('postfix', '3', 'Provides: mta')].join('\n\n')]]);
    const r = resolveClosure(u, { names: ['app', 'nosuch', 'postfix'], priorities: [], recommends: true });
    expect(r.missing).toEqual(['ghost (>= 2)', 'nosuch']);
    expect(names(r)).toEqual(['app=1', 'postfix=3']);
  });
});
