// `images:` — MAAS boot images from a simplestreams stream such as images.maas.io, picked with
// sstream-mirror's filters; the signed metadata travels byte for byte, verified with gpgv.
// Spec: apt-simplestreams.md part B.
//
//   images:
//     - stream: http://images.maas.io/ephemeral-v3/stable/
//       keyring: /usr/share/keyrings/ubuntu-cloudimage-keyring.gpg   # the default
//       filters: ["arch=amd64", "release~(jammy|noble)"]              # all must hold; none: everything
//       max: 1                # newest N versions per product (MAAS imports the newest)
//       bootloaders: true     # the grub/shim/pxelinux products, whatever the filters say
import { z } from 'zod';
import { parseFilter, type ItemFilter } from '../../sites/images/filters.js';
import { objectName, type BundleObject, type Requested } from '../bundle/format.js';
import { seedStream } from '../images/stream-seed.js';
import { locateStream } from '../images/stream-url.js';
import { defineSection } from './section.js';

const filter = z.string().transform((text, ctx): ItemFilter => {
  try {
    return parseFilter(text);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

const streamSchema = z
  .object({
    stream: z
      .string()
      .regex(/^https?:\/\/[^/]+\/\S*$/, 'expected an http(s) URL such as http://images.maas.io/ephemeral-v3/stable/')
      .superRefine((url, ctx) => {
        try {
          locateStream(url);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
        }
      }),
    keyring: z.string().min(1).default('/usr/share/keyrings/ubuntu-cloudimage-keyring.gpg'),
    filters: z.array(filter).default([]),
    max: z.number().int().min(1).default(1),
    bootloaders: z.boolean().default(true),
  })
  .strict();

const schema = z.array(streamSchema).min(1, 'list at least one stream');
type ImagesConfig = z.infer<typeof schema>;

export const imagesSection = defineSection<ImagesConfig>({
  key: 'images',
  schema: schema as unknown as z.ZodType<ImagesConfig>,

  check(config, ctx) {
    config.forEach((s, i) => {
      const { root, indexRel } = locateStream(s.stream);
      ctx.target(root + indexRel, `images[${i}].stream`);
    });
  },

  async seed(config, ctx) {
    const objects = new Map<string, BundleObject>();
    const requested: Requested[] = [];
    for (const [i, s] of config.entries()) {
      const r = await seedStream(s, ctx, `images[${i}]`);
      for (const o of r.objects) objects.set(objectName(o), o);
      requested.push(r.requested);
    }
    return { objects: [...objects.values()], requested };
  },
});
