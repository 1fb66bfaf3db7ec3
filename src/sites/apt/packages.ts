// Binary package records from Packages indices: what the closure resolver and the seeder need.
import { paragraphs } from './deb822.js';
import type { Relation } from './version.js';

export interface PackageRecord {
  name: string;
  version: string;
  architecture: string;
  priority: string;
  filename: string;
  size: number;
  sha256: string;
  depends: Alternatives[];
  preDepends: Alternatives[];
  recommends: Alternatives[];
  provides: { name: string; version?: string }[];
  /** The suite the record came from (noble, noble-updates, …). */
  suite: string;
}

export interface Dep {
  name: string;
  arch?: string;
  op?: Relation;
  version?: string;
}

/** One comma-separated relation: any of these satisfies it. */
export type Alternatives = Dep[];

export function* parsePackages(text: string, suite: string): Generator<PackageRecord> {
  for (const p of paragraphs(text)) {
    const name = p.get('package');
    const version = p.get('version');
    const filename = p.get('filename');
    const sha256 = p.get('sha256');
    const size = Number(p.get('size'));
    if (!name || !version || !filename || !sha256 || !Number.isInteger(size)) continue;
    yield {
      name,
      version,
      architecture: p.get('architecture') ?? 'all',
      priority: (p.get('priority') ?? 'optional').toLowerCase(),
      filename,
      size,
      sha256: sha256.toLowerCase(),
      depends: parseRelations(p.get('depends')),
      preDepends: parseRelations(p.get('pre-depends')),
      recommends: parseRelations(p.get('recommends')),
      provides: parseRelations(p.get('provides')).map((alts) => ({ name: alts[0]!.name, version: alts[0]!.op === '=' ? alts[0]!.version : undefined })),
      suite,
    };
  }
}

const depPattern = /^([a-z0-9][a-z0-9+.-]*)(?::([a-z0-9-]+))?\s*(?:\(\s*(<<|<=|=|>=|>>|<|>)\s*([^)\s]+)\s*\))?\s*(?:\[[^\]]*\])?\s*(?:<[^>]*>)?$/i;

export function parseRelations(field: string | undefined): Alternatives[] {
  if (!field) return [];
  return field
    .replace(/\n/g, ' ')
    .split(',')
    .map((rel) =>
      rel
        .split('|')
        .map((alt) => depPattern.exec(alt.trim()))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => {
          const dep: Dep = { name: m[1]!.toLowerCase() };
          if (m[2]) dep.arch = m[2];
          if (m[3]) {
            // `<` and `>` are obsolete spellings of `<=` and `>=`.
            dep.op = (m[3] === '<' ? '<=' : m[3] === '>' ? '>=' : m[3]) as Relation;
            dep.version = m[4];
          }
          return dep;
        }),
    )
    .filter((alts) => alts.length > 0);
}
