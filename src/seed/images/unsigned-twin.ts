// images.maas.io also publishes each metadata file unsigned (index.json, <content id>.json). Such a
// twin is carried only when it says exactly what its signed file says: the same JSON, except that
// the index's paths name .json products where the signed index names .sjson (as simplestreams
// writes them). Anything else is left out rather than served unchecked.
import type { Json } from '../../sites/images/stream-docs.js';

/** `streams/v1/x.sjson` -> `streams/v1/x.json`. */
export function twinPath(signedRel: string): string {
  return signedRel.replace(/\.sjson$/, '.json');
}

export function twinMatches(twin: Buffer, signedText: string, isIndex: boolean): boolean {
  let a: Json;
  let b: Json;
  try {
    a = JSON.parse(twin.toString('utf8')) as Json;
    b = JSON.parse(signedText) as Json;
  } catch {
    return false;
  }
  if (isIndex) a = signedPaths(a);
  return canonical(a) === canonical(b);
}

function signedPaths(index: Json): Json {
  if (typeof index !== 'object' || index === null || Array.isArray(index)) return index;
  const entries = index.index;
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return index;
  const mapped: Record<string, Json> = {};
  for (const [id, e] of Object.entries(entries)) {
    mapped[id] = typeof e === 'object' && e !== null && !Array.isArray(e) && typeof e.path === 'string' ? { ...e, path: e.path.replace(/\.json$/, '.sjson') } : e;
  }
  return { ...index, index: mapped };
}

function canonical(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k]!)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
