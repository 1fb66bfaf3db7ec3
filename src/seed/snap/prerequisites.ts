// What `snap install` pulls in beside a snap (spec §10): its base (`core` when an app names none),
// the `snapd` snap for anything not based on `core`, and the default providers of its content
// plugs. Bases, snapd and the os snap themselves need nothing.
import type { JsonObject } from '../../sites/snap/records.js';
import { trySnapYaml } from './snap-yaml.js';

const selfContained = new Set(['base', 'os', 'snapd']);

export function prerequisitesOf(snap: JsonObject): string[] {
  const type = typeof snap.type === 'string' ? snap.type : 'app';
  if (selfContained.has(type)) return [];
  const out = new Set<string>();
  const base = typeof snap.base === 'string' && snap.base !== '' ? snap.base : type === 'app' ? 'core' : undefined;
  if (base && base !== 'none') out.add(base);
  if (base !== 'core') out.add('snapd');
  for (const p of trySnapYaml(snap['snap-yaml'])?.defaultProviders ?? []) out.add(p);
  out.delete(typeof snap.name === 'string' ? snap.name : '');
  return [...out];
}
