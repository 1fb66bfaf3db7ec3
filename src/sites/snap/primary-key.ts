// Where an assertion lives: GET /v2/assertions/TYPE/KEY… with the type's primary key, trailing
// optional keys equal to their default dropped as snapd's ReducePrimaryKey does (spec §8.1).
import type { Assertion } from './assertion.js';

interface KeySpec {
  keys: readonly string[];
  /** Optional trailing keys and their defaults. */
  optional?: Readonly<Record<string, string>>;
}

const provenance = { provenance: 'global-upload' } as const;

export const assertionTypes: Readonly<Record<string, KeySpec>> = {
  account: { keys: ['account-id'] },
  'account-key': { keys: ['public-key-sha3-384'] },
  'base-declaration': { keys: ['series'] },
  model: { keys: ['series', 'brand-id', 'model'] },
  repair: { keys: ['brand-id', 'repair-id'] },
  serial: { keys: ['brand-id', 'model', 'serial'] },
  'snap-declaration': { keys: ['series', 'snap-id'] },
  'snap-developer': { keys: ['snap-id', 'publisher-id'] },
  'snap-resource-pair': { keys: ['snap-id', 'resource-name', 'resource-revision', 'snap-revision', 'provenance'], optional: provenance },
  'snap-resource-revision': { keys: ['snap-id', 'resource-name', 'resource-sha3-384', 'provenance'], optional: provenance },
  'snap-revision': { keys: ['snap-sha3-384', 'provenance'], optional: provenance },
  store: { keys: ['store'] },
  'system-user': { keys: ['brand-id', 'email'] },
  'validation-set': { keys: ['series', 'account-id', 'name', 'sequence'] },
};

export const ASSERTIONS_PREFIX = '/v2/assertions/';

/** The reduced primary key of an assertion, or undefined for a type this table does not know. */
export function primaryKey(a: Pick<Assertion, 'type' | 'headers'>): string[] | undefined {
  const spec = assertionTypes[a.type];
  if (!spec) return undefined;
  const values = spec.keys.map((k) => a.headers[k] ?? spec.optional?.[k]);
  if (values.some((v) => v === undefined || v === '' || v.includes('/') || v.includes('\n'))) return undefined;
  const out = values as string[];
  while (out.length > 0 && spec.optional && spec.optional[spec.keys[out.length - 1]!] === out[out.length - 1]) out.pop();
  return out;
}

/** The store path (and request path) of an assertion, or undefined when it has no usable key. */
export function assertionPath(a: Pick<Assertion, 'type' | 'headers'>): string | undefined {
  const key = primaryKey(a);
  return key ? `${ASSERTIONS_PREFIX}${a.type}/${key.join('/')}` : undefined;
}

/** A request path split into type and key, when it names a known type. */
export function parseAssertionPath(path: string): { type: string; key: string[] } | undefined {
  if (!path.startsWith(ASSERTIONS_PREFIX)) return undefined;
  const [type = '', ...key] = path.slice(ASSERTIONS_PREFIX.length).split('/');
  const spec = assertionTypes[type];
  if (!spec || key.length === 0 || key.length > spec.keys.length || key.some((k) => k === '')) return undefined;
  return { type, key };
}
