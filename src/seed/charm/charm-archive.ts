// What a seed or an import reads inside a charm archive: its name (metadata.yaml), the bases it
// was packed for (manifest.yaml), and the files that tell which snaps it installs (snaps-needed.ts).
import { parse } from 'yaml';
import type { Base } from '../../sites/charm/records.js';
import { snapsNeeded, SNAP_HINT_FILES, type NeededSnap } from './snaps-needed.js';
import { readZipEntries } from './zip-entries.js';

export interface CharmArchive {
  name: string | undefined;
  bases: Base[];
  metadataYaml: string | undefined;
  configYaml: string | undefined;
  actionsYaml: string | undefined;
  snaps: NeededSnap[];
}

const WANTED = new Set(['metadata.yaml', 'manifest.yaml', 'config.yaml', 'actions.yaml', ...SNAP_HINT_FILES]);

export async function readCharmArchive(file: string): Promise<CharmArchive> {
  const m = await readZipEntries(file, (n) => WANTED.has(n));
  const text = (n: string) => m.get(n)?.toString('utf8');
  const meta = yamlObject(text('metadata.yaml'));
  return {
    name: typeof meta?.name === 'string' ? meta.name : undefined,
    bases: manifestBases(text('manifest.yaml')),
    metadataYaml: text('metadata.yaml'),
    configYaml: text('config.yaml'),
    actionsYaml: text('actions.yaml'),
    snaps: snapsNeeded(new Map([...m].filter(([n]) => SNAP_HINT_FILES.includes(n)).map(([n, b]) => [n, b.toString('utf8')]))),
  };
}

/** `bases: [{name, channel, architectures: [...]}]` of charmcraft's manifest.yaml, one Base per architecture. */
export function manifestBases(text: string | undefined): Base[] {
  const doc = yamlObject(text);
  const out: Base[] = [];
  for (const b of Array.isArray(doc?.bases) ? doc.bases : []) {
    if (typeof b !== 'object' || b === null) continue;
    const { name, channel, architectures } = b as Record<string, unknown>;
    if (typeof name !== 'string' || (typeof channel !== 'string' && typeof channel !== 'number') || !Array.isArray(architectures)) continue;
    for (const a of architectures) if (typeof a === 'string') out.push({ architecture: a, name, channel: String(channel) });
  }
  return out;
}

export function yamlObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const doc: unknown = parse(text);
    return typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
