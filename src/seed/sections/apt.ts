// `apt:` — suites of an Ubuntu archive (archive/security/ports) as consistent snapshots, plus the
// .debs a fresh machine needs for the named packages and priorities (their dependency closure, as
// apt would resolve it), or the whole pool with `all: true`. Spec: apt-simplestreams.md part A.
//
//   apt:
//     - mirror: http://archive.ubuntu.com/ubuntu
//       suites: [noble, noble-updates, noble-security]
//       components: [main, universe]
//       architectures: [amd64]
//       keyring: /usr/share/keyrings/ubuntu-archive-keyring.gpg
//       packages: { priorities: [required, important], names: [openssh-server], recommends: true }
import { z } from 'zod';
import { AgcError } from '../../errors.js';
import { PackageUniverse, resolveClosure } from '../../sites/apt/closure.js';
import { parsePackages, type PackageRecord } from '../../sites/apt/packages.js';
import { objectName, type BundleObject, type Requested } from '../bundle/format.js';
import { readIndexText } from '../apt/read-index.js';
import { seedSuite, type SuiteSeed } from '../apt/suite-seed.js';
import { defineSection, type SectionContext } from './section.js';

const word = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/, 'expected a plain name');

const mirrorSchema = z
  .object({
    mirror: z.string().regex(/^https?:\/\/[^/]+(\/.*)?$/, 'expected an http(s) URL such as http://archive.ubuntu.com/ubuntu'),
    suites: z.array(word).min(1, 'list at least one suite'),
    components: z.array(word).min(1).default(['main', 'restricted', 'universe', 'multiverse']),
    architectures: z.array(word).min(1).default(['amd64']),
    keyring: z.string().min(1).default('/usr/share/keyrings/ubuntu-archive-keyring.gpg'),
    languages: z.array(word).default(['en']),
    contents: z.boolean().default(false),
    sources: z.boolean().default(false),
    packages: z
      .object({
        priorities: z.array(word).default([]),
        names: z.array(word).default([]),
        recommends: z.boolean().default(true),
        all: z.boolean().default(false),
      })
      .strict()
      .default({ priorities: [], names: [], recommends: true, all: false }),
  })
  .strict();

const schema = z.array(mirrorSchema).min(1, 'list at least one mirror');
type AptConfig = z.infer<typeof schema>;
type MirrorConfig = AptConfig[number];

export const aptSection = defineSection<AptConfig>({
  key: 'apt',
  schema,

  check(config, ctx) {
    config.forEach((m, i) => ctx.target(`${m.mirror.replace(/\/$/, '')}/dists/${m.suites[0]}/InRelease`, `apt[${i}].mirror`));
  },

  async seed(config, ctx) {
    const objects = new Map<string, BundleObject>();
    const requested: Requested[] = [];
    for (const [i, m] of config.entries()) {
      const key = `apt[${i}]`;
      const suites: SuiteSeed[] = [];
      for (const suite of m.suites) {
        const s = await seedSuite(m.mirror, suite, m.keyring, m, ctx, key);
        suites.push(s);
        s.objects.forEach((o) => objects.set(objectName(o), o));
        requested.push({ section: 'apt', item: `${m.mirror} ${suite}`, objects: s.objects.map((o) => [o.ns, o.path]) });
      }
      const debs = await seedPackages(m, suites, ctx, key);
      debs.forEach((o) => objects.set(objectName(o), o));
      if (debs.length > 0) requested.push({ section: 'apt', item: `${m.mirror} packages`, objects: debs.map((o) => [o.ns, o.path]) });
    }
    return { objects: [...objects.values()], requested };
  },
});

async function seedPackages(m: MirrorConfig, suites: SuiteSeed[], ctx: SectionContext, key: string): Promise<BundleObject[]> {
  const { names, priorities, recommends, all } = m.packages;
  if (!all && names.length === 0 && priorities.length === 0) return [];
  const records: PackageRecord[] = [];
  for (const s of suites) {
    for (const f of s.packagesFiles) {
      const arch = /binary-([^/]+)\//.exec(f.path)?.[1];
      if (!arch || (arch !== 'all' && !m.architectures.includes(arch))) continue;
      records.push(...parsePackages(await readIndexText(f.file, f.path), s.suite));
    }
  }
  const universe = new PackageUniverse(records);
  let chosen: PackageRecord[];
  if (all) {
    chosen = universe.all();
  } else {
    const result = resolveClosure(universe, { names, priorities, recommends });
    const unknown = names.filter((n) => result.missing.includes(n));
    if (unknown.length > 0) {
      throw new AgcError('AGC_ERR_MANIFEST', `${key}.packages.names: not in ${m.suites.join(', ')} (${m.components.join(' ')}): ${unknown.join(', ')}`, { subject: `${key}.packages.names` });
    }
    if (result.missing.length > 0) ctx.log.warn({ mirror: m.mirror, missing: result.missing }, 'dependencies nothing in the seeded suites provides');
    chosen = result.packages;
  }
  const mirror = m.mirror.replace(/\/$/, '');
  const unique = new Map(chosen.map((r) => [r.filename, r]));
  const fetched = await Promise.all(
    [...unique.values()].map((r) => ctx.fetch({ url: `${mirror}/${r.filename}`, ...ctx.target(`${mirror}/${r.filename}`, key), expectedSize: r.size, expectedSha256: r.sha256 })),
  );
  return fetched.map((f) => f.object);
}
