// The charms a bundle.yaml names, as Juju resolves each application (spec charmhub.md §7): the
// application's charm, channel (default `stable`), revision, base or series (else the bundle's
// default-base or series), `constraints: arch=` and resource revisions. What cannot come from
// Charmhub (local charm paths, charm store `cs:` URLs, resources given as local files) is listed
// as skipped, not guessed.
import { parse } from 'yaml';

export interface BundleApp {
  app: string;
  charm: string;
  channel: string;
  revision?: number | undefined;
  base?: string | undefined;
  architecture?: string | undefined;
  resources: Record<string, number>;
}

export interface BundleCharms {
  apps: BundleApp[];
  skipped: string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function bundleCharms(text: string): BundleCharms {
  const doc: unknown = parse(text);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error('bundle.yaml is not a mapping');
  const d = doc as Record<string, unknown>;
  const apps = d.applications ?? d.services;
  if (typeof apps !== 'object' || apps === null || Array.isArray(apps)) throw new Error('bundle.yaml has no applications');
  const bundleBase = str(d['default-base']) ?? str(d.series);
  const out: BundleCharms = { apps: [], skipped: [] };
  for (const [app, raw] of Object.entries(apps as Record<string, unknown>)) {
    if (typeof raw !== 'object' || raw === null) {
      out.skipped.push(`${app}: not a mapping`);
      continue;
    }
    const a = raw as Record<string, unknown>;
    const charm = str(a.charm);
    if (!charm) {
      out.skipped.push(`${app}: no charm named`);
      continue;
    }
    const name = charm.startsWith('ch:') ? charm.slice(3) : charm;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
      out.skipped.push(`${app}: charm ${charm} is not a Charmhub name (a local path or a charm store URL)`);
      continue;
    }
    const resources: Record<string, number> = {};
    if (typeof a.resources === 'object' && a.resources !== null) {
      for (const [r, v] of Object.entries(a.resources as Record<string, unknown>)) {
        if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) resources[r] = v;
        else out.skipped.push(`${app}: resource ${r} is given as ${JSON.stringify(v)} (a local file or image), not a Charmhub revision`);
      }
    }
    const arch = typeof a.constraints === 'string' ? /(?:^|\s)arch=([a-z0-9]+)/.exec(a.constraints)?.[1] : undefined;
    out.apps.push({
      app,
      charm: name,
      channel: str(a.channel) ?? 'stable',
      revision: typeof a.revision === 'number' && Number.isSafeInteger(a.revision) ? a.revision : undefined,
      base: str(a.base) ?? str(a.series) ?? bundleBase,
      architecture: arch,
      resources,
    });
  }
  return out;
}
