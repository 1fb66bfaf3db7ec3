// `urls:` — any URL on a configured host, fetched as-is and served at the path a client's request
// for it hits. An entry may carry the size and sha256 upstream publishes; the download must match.
//
//   urls:
//     - http://images.maas.io/ephemeral-v3/stable/streams/v1/index.sjson
//     - url: https://example.host/file.iso
//       sha256: 5f0c…          # optional
//       size: 123456           # optional
import { z } from 'zod';
import { AgcError } from '../../errors.js';
import { objectName, type BundleObject } from '../bundle/format.js';
import { defineSection, type Fetched, type FetchSpec } from './section.js';

const entry = z.union([
  z.string().min(1),
  z
    .object({
      url: z.string().min(1),
      sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'expected 64 hex digits').optional(),
      size: z.number().int().nonnegative().optional(),
    })
    .strict(),
], { error: 'expected a URL, or a mapping with url and optionally sha256 and size' });

const schema = z.array(entry).min(1, 'list at least one URL');

type UrlsConfig = z.infer<typeof schema>;

const urlOf = (e: UrlsConfig[number]): string => (typeof e === 'string' ? e : e.url);

export const urlsSection = defineSection<UrlsConfig>({
  key: 'urls',
  schema,

  check(config, ctx) {
    const seen = new Map<string, number>();
    config.forEach((e, i) => {
      const t = ctx.target(urlOf(e), `urls[${i}]`);
      const key = objectName(t);
      const first = seen.get(key);
      if (first !== undefined) throw new AgcError('AGC_ERR_MANIFEST', `urls[${i}]: ${urlOf(e)} is the same cache object (${key}) as urls[${first}]`, { subject: `urls[${i}]` });
      seen.set(key, i);
    });
  },

  async seed(config, ctx) {
    const specs: FetchSpec[] = config.map((e, i) => ({
      url: urlOf(e),
      ...ctx.target(urlOf(e), `urls[${i}]`),
      expectedSha256: typeof e === 'string' ? undefined : e.sha256?.toLowerCase(),
      expectedSize: typeof e === 'string' ? undefined : e.size,
    }));
    const results = await Promise.allSettled(specs.map((s) => ctx.fetch(s)));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
    if (failures.length > 0) {
      throw new AgcError('AGC_ERR_SEED', `urls: ${failures.length} of ${specs.length} could not be fetched:\n  ${failures.join('\n  ')}`, { subject: 'urls' });
    }
    const objects: BundleObject[] = results.map((r) => (r as PromiseFulfilledResult<Fetched>).value.object);
    return {
      objects,
      requested: specs.map((s) => ({ section: 'urls', item: s.url, objects: [[s.ns, s.path] as [string, string]] })),
    };
  },
});
