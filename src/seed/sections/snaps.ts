// `snaps:` — snaps from the snap store as `snap download` gets them: blob, assertions and the
// store's metadata (refresh answer, info channel map), per architecture. Spec: snap-store.md.
//
//   snaps:
//     - name: lxd
//       channel: 5.21/stable          # default: stable on the snap's default track
//       architectures: [amd64, arm64] # default: [amd64]
//     - name: charmcraft
//       revision: 1234
//   snaps-prerequisites: true          # default: add each snap's base, snapd, core and content providers
import { z } from 'zod';
import { AgcError } from '../../errors.js';
import { parseChannel } from '../../sites/snap/channel.js';
import { archName, snapName, type JsonObject, type RevisionRecord } from '../../sites/snap/records.js';
import { objectName, type BundleObject, type Requested } from '../bundle/format.js';
import { prerequisitesOf } from '../snap/prerequisites.js';
import { recordSpecs, type ChannelFact } from '../snap/records-build.js';
import { seedSnap } from '../snap/snap-seed.js';
import { StoreClient, type WantedSnap } from '../snap/store-client.js';
import { defineSection } from './section.js';

export const STORE_URL = 'https://api.snapcraft.io';

const entrySchema = z
  .object({
    name: z.string().regex(snapName, 'expected a snap name (lowercase letters, digits and dashes)'),
    channel: z
      .string()
      .refine((c) => parseChannel(c) !== undefined, 'expected a channel such as stable, 5.21/stable or latest/edge/branch')
      .optional(),
    revision: z.number().int().positive().optional(),
    architectures: z.array(z.string().regex(archName, 'expected an architecture such as amd64')).min(1).default(['amd64']),
  })
  .strict()
  .refine((e) => e.channel === undefined || e.revision === undefined, 'give a channel or a revision, not both');

const schema = z.array(entrySchema).min(1, 'list at least one snap');
type SnapsConfig = z.infer<typeof schema>;

interface Job extends WantedSnap {
  arch: string;
  key: string;
  /** The manifest entry it serves (its own, or the one that needed it). */
  entry: number;
}

interface PerName {
  rev: Map<string, RevisionRecord>;
  info: JsonObject;
  defaultTrack: string | undefined;
  channels: ChannelFact[];
  ns: string;
}

export const snapsSection = defineSection<SnapsConfig>({
  key: 'snaps',
  schema: schema as unknown as z.ZodType<SnapsConfig>,
  companions: { 'snaps-prerequisites': z.boolean() },

  check(_config, ctx) {
    ctx.target(`${STORE_URL}/v2/snaps/refresh`, 'snaps');
  },

  async seed(config, ctx, companions) {
    if (!ctx.api || !ctx.put) throw new AgcError('AGC_ERR_SEED', 'snaps: this seeder cannot call the store API', { subject: 'snaps' });
    const withPrereqs = companions?.['snaps-prerequisites'] !== false;
    const client = new StoreClient(ctx.api, STORE_URL);
    const jobs: Job[] = config.flatMap((e, i) => e.architectures.map((arch) => ({ name: e.name, channel: e.channel, revision: e.revision, arch, key: `snaps[${i}]`, entry: i })));
    const done = new Set<string>();
    const objects = new Map<string, BundleObject>();
    const perEntry = config.map(() => new Set<string>());
    const entryNames = config.map(() => new Set<string>());
    const names = new Map<string, PerName>();
    while (jobs.length > 0) {
      const job = jobs.shift()!;
      if (done.has(`${job.name}/${job.arch}`)) continue;
      done.add(`${job.name}/${job.arch}`);
      const s = await seedSnap(client, ctx, job, job.arch, job.key);
      for (const o of s.objects) {
        objects.set(objectName(o), o);
        perEntry[job.entry]!.add(objectName(o));
      }
      const ns = s.objects[0]!.ns;
      entryNames[job.entry]!.add(s.rev.name);
      const n: PerName = names.get(s.rev.name) ?? { rev: new Map(), info: {}, defaultTrack: undefined, channels: [], ns };
      n.rev.set(String(s.rev.revision), n.rev.get(String(s.rev.revision)) ?? s.rev);
      n.info = { ...s.info, ...n.info };
      n.defaultTrack ??= s.defaultTrack;
      n.channels.push(...s.channels);
      names.set(s.rev.name, n);
      if (withPrereqs) {
        for (const p of prerequisitesOf(s.rev)) jobs.push({ name: p, channel: 'stable', arch: job.arch, key: `snaps[${job.entry}] (prerequisite ${p} of ${job.name})`, entry: job.entry });
      }
      ctx.log.info({ snap: s.rev.name, revision: s.rev.revision, arch: job.arch }, 'snap seeded');
    }
    for (const [name, n] of names) {
      for (const spec of recordSpecs(n.ns, [...n.rev.values()], n.defaultTrack ?? 'latest', n.info, n.channels)) {
        const o = await ctx.put!({ ...spec, url: `${STORE_URL}/v2/snaps/info/${name}` });
        objects.set(objectName(o), o);
        entryNames.forEach((set, i) => set.has(name) && perEntry[i]!.add(objectName(o)));
      }
    }
    const requested: Requested[] = config.map((e, i) => ({
      section: 'snaps',
      item: `${e.name} ${e.revision !== undefined ? `revision ${e.revision}` : (e.channel ?? 'stable')} (${e.architectures.join(', ')})`,
      objects: [...perEntry[i]!].map((k) => [objects.get(k)!.ns, objects.get(k)!.path] as [string, string]),
    }));
    return { objects: [...objects.values()], requested };
  },
});
