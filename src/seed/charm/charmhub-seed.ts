// `charms:` and `bundles:` together: each charm entry for its bases and architectures, each bundle
// with every charm and resource its bundle.yaml names, all fetched once, then one set of records
// (sites/charm/records.ts) for everything learnt. The snaps the charms install, where their
// archives tell (snaps-needed.ts), are listed for the admin to add to `snaps:`.
import { AgcError, isAgcError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { RECORD_TYPE } from '../../sites/charm/records.js';
import { objectName, type BundleObject, type Requested } from '../bundle/format.js';
import type { SectionContext, SectionResult } from '../sections/section.js';
import { bundleCharms } from './bundle-yaml.js';
import { CharmhubClient } from './charmhub-client.js';
import { parseBase } from './channel.js';
import { seedCharm, type SeededCharm, type WantedCharm } from './charm-seed.js';
import { CharmRecords } from './records-build.js';
import type { NeededSnap } from './snaps-needed.js';

export const CHARMHUB_URL = 'https://api.charmhub.io';

export interface CharmEntry {
  name: string;
  channel?: string | undefined;
  revision?: number | undefined;
  bases?: string[] | undefined;
  architectures: string[];
}

export interface BundleEntry {
  name: string;
  channel?: string | undefined;
  architectures: string[];
}

export async function seedCharmhub(charms: readonly CharmEntry[], bundles: readonly BundleEntry[], ctx: SectionContext): Promise<SectionResult> {
  if (!ctx.api || !ctx.put) throw new AgcError('AGC_ERR_SEED', 'charms: this seeder cannot call the Charmhub API', { subject: 'charms' });
  const client = new CharmhubClient(ctx.api, CHARMHUB_URL);
  const records = new CharmRecords();
  const objects = new Map<string, BundleObject>();
  const entries = [...charms.map((c, i) => ({ section: 'charms', item: describe(c), key: `charms[${i}]`, names: new Set<string>(), objects: new Set<string>() })), ...bundles.map((b, i) => ({ section: 'bundles', item: describe(b), key: `bundles[${i}]`, names: new Set<string>(), objects: new Set<string>() }))];
  const jobs: { want: WantedCharm; entry: number }[] = [
    ...charms.map((c, i) => ({ want: { ...c, key: `charms[${i}]` }, entry: i })),
    ...bundles.map((b, i) => ({ want: { ...b, key: `bundles[${i}]` }, entry: charms.length + i })),
  ];
  const done = new Map<string, SeededCharm>();
  const needed: { charm: string; revision: number; snaps: NeededSnap[] }[] = [];
  const optional = new Set<WantedCharm>();
  while (jobs.length > 0) {
    const { want, entry } = jobs.shift()!;
    const id = JSON.stringify([want.name, want.channel ?? 'stable', want.revision, want.bases ?? [], want.architectures, want.resources ?? {}]);
    let s = done.get(id);
    const first = s === undefined;
    if (!s) {
      try {
        s = await seedCharm(client, ctx, records, want);
      } catch (err) {
        // Only a resolution Charmhub refused is tolerated; a failed download fails the seed.
        if (!optional.has(want) || !isAgcError(err, 'AGC_ERR_SEED')) throw err;
        ctx.log.warn({ charm: want.name }, `${want.key}: resources of ${want.name} on ${want.channel ?? 'stable'} not seeded: ${(err as Error).message}`);
        continue;
      }
    }
    done.set(id, s);
    entries[entry]!.names.add(s.name).add(s.id);
    for (const o of s.objects) {
      objects.set(objectName(o), o);
      entries[entry]!.objects.add(objectName(o));
    }
    if (!first) continue;
    ctx.log.info({ charm: s.name, type: s.type, revisions: s.revisions }, `${s.type} seeded`);
    for (const n of s.snaps) needed.push({ charm: s.name, ...n });
    for (const yaml of s.bundleYamls) jobs.push(...bundleJobs(yaml, want, entry, ctx.log));
    // Juju deploys a pinned revision with the resources its channel lists: seed that channel too.
    if (want.resourcesFrom !== undefined && s.declaresResources) {
      const more: WantedCharm = { ...want, revision: undefined, channel: want.resourcesFrom, resourcesFrom: undefined, key: `${want.key} (resources on ${want.resourcesFrom})` };
      optional.add(more);
      jobs.push({ want: more, entry });
    }
  }
  for (const f of records.files()) {
    const url = `${CHARMHUB_URL}${f.path}`;
    const o = await ctx.put({ ...ctx.target(url, 'charms'), bytes: f.bytes, contentType: RECORD_TYPE, url });
    objects.set(objectName(o), o);
    for (const e of entries) if (f.path.split('/').some((seg) => e.names.has(seg))) e.objects.add(objectName(o));
  }
  reportSnaps(needed, ctx.log);
  const requested: Requested[] = entries.map((e) => ({ section: e.section, item: e.item, objects: [...e.objects].map((k) => [objects.get(k)!.ns, objects.get(k)!.path] as [string, string]) }));
  return { objects: [...objects.values()], requested };
}

function describe(e: CharmEntry | BundleEntry): string {
  const what = 'revision' in e && e.revision !== undefined ? `revision ${e.revision}` : (e.channel ?? 'stable');
  const bases = 'bases' in e && e.bases ? ` ${e.bases.join(', ')}` : '';
  return `${e.name} ${what}${bases} (${e.architectures.join(', ')})`;
}

function bundleJobs(yaml: string, bundle: WantedCharm, entry: number, log: Logger): { want: WantedCharm; entry: number }[] {
  let parsed;
  try {
    parsed = bundleCharms(yaml);
  } catch (err) {
    throw new AgcError('AGC_ERR_SEED', `${bundle.key}: bundle ${bundle.name}: ${(err as Error).message}`, { subject: bundle.key });
  }
  for (const s of parsed.skipped) log.warn({ bundle: bundle.name }, `${bundle.key}: bundle ${bundle.name}: ${s}; not seeded`);
  return parsed.apps.map((a) => ({
    entry,
    want: {
      name: a.charm,
      channel: a.channel,
      revision: a.revision,
      // `kubernetes` and the like name no OS release: every base the channel has.
      bases: a.base && parseBase(a.base, 'amd64') ? [a.base] : undefined,
      architectures: a.architecture ? [a.architecture] : bundle.architectures,
      resources: a.resources,
      resourcesFrom: a.revision !== undefined && Object.keys(a.resources).length === 0 ? a.channel : undefined,
      key: `${bundle.key} (application ${a.app} of ${bundle.name})`,
    },
  }));
}

function reportSnaps(needed: { charm: string; revision: number; snaps: NeededSnap[] }[], log: Logger): void {
  if (needed.length === 0) return;
  const lines = new Set<string>();
  for (const n of needed) {
    for (const s of n.snaps) {
      const pin = s.revision !== undefined ? `\n    revision: ${s.revision}` : s.channel ? `\n    channel: ${s.channel}` : '';
      lines.add(`  - name: ${s.name}${pin}${s.architecture ? `\n    architectures: [${s.architecture}]` : ''}   # ${n.charm} r${n.revision} (${s.from})`);
    }
  }
  log.warn({ snaps: needed.map((n) => ({ charm: n.charm, revision: n.revision, snaps: n.snaps.map((s) => s.name) })) }, `charms install snaps; add those not already in the manifest to snaps:\nsnaps:\n${[...lines].join('\n')}`);
}
