// `charms:` and `bundles:` — charms and bundles from Charmhub as Juju resolves and downloads them,
// with their resources and the info/refresh answers as records. Spec: charmhub.md.
//
//   charms:
//     - name: postgresql
//       channel: 14/stable             # default: stable on the charm's default track
//       bases: [ubuntu@22.04]          # default: every base the channel has for the architectures
//       architectures: [amd64]         # default: [amd64]
//     - name: grafana-agent
//       revision: 95                   # a revision instead of a channel
//   bundles:
//     - name: cos-lite
//       channel: latest/stable         # the bundle and every charm and resource it names
//
// The two keys are seeded together (each reads the other as a companion) so a charm named by both
// is fetched and recorded once: the `charms:` section does the work when present, else `bundles:`.
import { z } from 'zod';
import { charmName } from '../../sites/charm/records.js';
import { parseBase, parseChannel } from '../charm/channel.js';
import { CHARMHUB_URL, seedCharmhub, type BundleEntry, type CharmEntry } from '../charm/charmhub-seed.js';
import { defineSection } from './section.js';

const name = z.string().regex(charmName, 'expected a charm name (lowercase letters, digits and dashes)');
const channel = z.string().refine((c) => parseChannel(c) !== undefined, 'expected a channel such as stable, 14/stable or latest/edge');
const architectures = z.array(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected an architecture such as amd64')).min(1).default(['amd64']);

const charmSchema = z
  .object({
    name,
    channel: channel.optional(),
    revision: z.number().int().nonnegative().optional(),
    bases: z.array(z.string().refine((b) => parseBase(b, 'amd64') !== undefined, 'expected a base such as ubuntu@22.04 (or a series such as jammy)')).min(1).optional(),
    architectures,
  })
  .strict()
  .refine((e) => e.channel === undefined || e.revision === undefined, 'give a channel or a revision, not both');

const bundleSchema = z.object({ name, channel: channel.optional(), architectures }).strict();

export const charmsSchema = z.array(charmSchema).min(1, 'list at least one charm');
export const bundlesSchema = z.array(bundleSchema).min(1, 'list at least one bundle');

const check = (_config: unknown, ctx: { target(url: string, key: string): unknown }) => void ctx.target(`${CHARMHUB_URL}/v2/charms/refresh`, 'charms');

export const charmsSection = defineSection<CharmEntry[]>({
  key: 'charms',
  schema: charmsSchema as unknown as z.ZodType<CharmEntry[]>,
  companions: { bundles: bundlesSchema },
  check,
  seed: (config, ctx, companions) => seedCharmhub(config, (companions?.bundles as BundleEntry[] | undefined) ?? [], ctx),
});

export const bundlesSection = defineSection<BundleEntry[]>({
  key: 'bundles',
  schema: bundlesSchema as unknown as z.ZodType<BundleEntry[]>,
  companions: { charms: charmsSchema },
  check,
  // With `charms:` present, that section seeded the bundles too.
  seed: async (config, ctx, companions) => (companions?.charms !== undefined ? { objects: [], requested: [] } : seedCharmhub([], config, ctx)),
});
