// A snap's meta/snap.yaml, read as snapd reads the few things the cache needs from it (every
// scalar a string, as Go's yaml into string fields: `version: 1.0` is "1.0", not 1): identity and
// kind for the store JSON of an imported snap, and the content plugs' default providers, which
// snapd installs as prerequisites (spec §10).
import { parse } from 'yaml';

export interface SnapYaml {
  name: string;
  version: string;
  type: string;
  base: string | undefined;
  confinement: string;
  grade: string | undefined;
  architectures: string[];
  summary: string | undefined;
  description: string | undefined;
  title: string | undefined;
  license: string | undefined;
  epoch: string | { read: number[]; write: number[] };
  /** Snaps named as `default-provider` by content plugs. */
  defaultProviders: string[];
}

type Raw = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function parseSnapYaml(text: string): SnapYaml {
  const doc = parse(text, { schema: 'failsafe' }) as unknown;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error('snap.yaml is not a mapping');
  const y = doc as Raw;
  const name = str(y.name);
  const version = str(y.version);
  if (!name || !version) throw new Error('snap.yaml has no name or no version');
  const arches = Array.isArray(y.architectures) ? y.architectures.filter((a): a is string => typeof a === 'string') : [];
  return {
    name,
    version,
    type: str(y.type) ?? 'app',
    base: str(y.base),
    confinement: str(y.confinement) ?? 'strict',
    grade: str(y.grade),
    architectures: arches.length > 0 ? arches : ['all'],
    summary: str(y.summary),
    description: str(y.description),
    title: str(y.title),
    license: str(y.license),
    epoch: epochOf(y.epoch),
    defaultProviders: providers(y.plugs),
  };
}

function epochOf(v: unknown): SnapYaml['epoch'] {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null) {
    const o = v as Raw;
    const nums = (x: unknown): number[] => (Array.isArray(x) ? x.map((n) => Number(n)).filter((n) => Number.isInteger(n)) : [0]);
    return { read: nums(o.read), write: nums(o.write) };
  }
  return { read: [0], write: [0] };
}

function providers(plugs: unknown): string[] {
  if (typeof plugs !== 'object' || plugs === null || Array.isArray(plugs)) return [];
  const out = new Set<string>();
  for (const [plugName, plug] of Object.entries(plugs as Raw)) {
    const p = typeof plug === 'object' && plug !== null && !Array.isArray(plug) ? (plug as Raw) : {};
    const iface = str(p.interface) ?? plugName;
    const provider = str(p['default-provider']);
    if (iface === 'content' && provider) out.add(provider.split(':')[0]!);
  }
  return [...out];
}

/** The snap-yaml a store answer carries, or undefined when absent or unreadable. */
export function trySnapYaml(text: unknown): SnapYaml | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    return parseSnapYaml(text);
  } catch {
    return undefined;
  }
}
