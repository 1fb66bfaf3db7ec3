// One `images:` entry: the stream's signed index and every products file it lists (all verified
// with gpgv; MAAS reads them all), their unsigned .json twins when identical, and the items the
// selection picks, each fetched against the sha256 and size its signed products file gives.
import { readFile } from 'node:fs/promises';
import { AgcError, isAgcError } from '../../errors.js';
import type { ItemFilter } from '../../sites/images/filters.js';
import type { BundleObject, Requested } from '../bundle/format.js';
import type { Fetched, SectionContext } from '../sections/section.js';
import { selectItems, type SelectedItem } from './select.js';
import { readSignedSet, type SignedSet } from './signed-set.js';
import { locateStream } from './stream-url.js';
import { twinMatches, twinPath } from './unsigned-twin.js';

export interface StreamConfig {
  stream: string;
  keyring: string;
  filters: readonly ItemFilter[];
  max: number;
  bootloaders: boolean;
}

export interface StreamSeed {
  objects: BundleObject[];
  requested: Requested;
  items: SelectedItem[];
}

const MAX_SEEN_LISTED = 60;

export async function seedStream(s: StreamConfig, ctx: SectionContext, key: string): Promise<StreamSeed> {
  const { root, indexRel } = locateStream(s.stream);
  const fetched = new Map<string, Fetched>();
  const fetchRel = async (rel: string, extra: { expectedSize?: number; expectedSha256?: string } = {}): Promise<Fetched> => {
    const f = await ctx.fetch({ url: root + rel, ...ctx.target(root + rel, key), ...extra });
    fetched.set(rel, f);
    return f;
  };
  const set = await readSignedSet({
    keyrings: [s.keyring],
    read: async (rel) => readFile((await fetchRel(rel === 'streams/v1/index.sjson' ? indexRel : rel)).file),
    name: (rel) => root + rel,
    code: 'AGC_ERR_SEED',
  });
  const metadata = [...fetched.values()].map((f) => f.object);
  metadata.push(...(await twins(set, indexRel, fetchRel, ctx)));

  let picked: ReturnType<typeof selectItems>;
  try {
    picked = selectItems(set.products.map((p) => p.doc), s);
  } catch (err) {
    throw new AgcError('AGC_ERR_SEED', `${key}: ${s.stream}: ${(err as Error).message}`, { subject: key, cause: err });
  }
  if (picked.matched === 0) throw nothingSelected(s, key, picked.seen);
  const items = await Promise.all(picked.items.map((i) => fetchRel(i.path, { expectedSize: i.size, expectedSha256: i.sha256 })));
  const objects = [...metadata, ...items.map((f) => f.object)];
  const bytes = picked.items.reduce((n, i) => n + i.size, 0);
  ctx.log.info({ stream: s.stream, items: picked.items.length, bytes, products: new Set(picked.items.map((i) => i.product)).size }, 'stream selected');
  const what = [...s.filters.map((f) => f.text), `max=${s.max}`, ...(s.bootloaders ? ['+bootloaders'] : [])].join(' ');
  return { objects, items: picked.items, requested: { section: 'images', item: `${s.stream} ${what}`, objects: objects.map((o) => [o.ns, o.path]) } };
}

async function twins(set: SignedSet, indexRel: string, fetchRel: (rel: string) => Promise<Fetched>, ctx: SectionContext): Promise<BundleObject[]> {
  const signed = [{ rel: indexRel, text: set.indexText, isIndex: true }, ...set.products.map((p) => ({ rel: p.entry.path, text: p.text, isIndex: false }))];
  const out: BundleObject[] = [];
  for (const { rel, text, isIndex } of signed.filter((x) => x.rel.endsWith('.sjson'))) {
    const twin = await fetchRel(twinPath(rel)).catch((err: unknown) => {
      if (isAgcError(err, 'AGC_ERR_NOT_FOUND')) return undefined;
      throw err;
    });
    if (!twin) continue;
    if (twinMatches(await readFile(twin.file), text, isIndex)) out.push(twin.object);
    else ctx.log.warn({ file: twinPath(rel) }, 'unsigned twin differs from its signed file; not carried');
  }
  return out;
}

function nothingSelected(s: StreamConfig, key: string, seen: string[]): AgcError {
  const filters = s.filters.length > 0 ? s.filters.map((f) => f.text).join(' ') : '(no filters)';
  const listed = seen.slice(0, MAX_SEEN_LISTED).map((p) => `\n  ${p}`).join('');
  const more = seen.length > MAX_SEEN_LISTED ? `\n  … and ${seen.length - MAX_SEEN_LISTED} more` : '';
  return new AgcError('AGC_ERR_MANIFEST', `${key}: ${s.stream}: the filters ${filters} (max ${s.max}${s.bootloaders ? ', bootloaders' : ''}) match no item; the stream has these ${seen.length} products:${listed}${more}`, { subject: key });
}
