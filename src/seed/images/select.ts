// What a manifest's `images:` entry picks from a stream, as sstream-mirror would: per product the
// newest `max` versions (by name), then every item of those that all filters match (filters see
// the flattened item). `bootloaders: true` adds the bootloader products' newest versions whatever
// the filters say, since MAAS needs them next to any image and `release~…` filters drop them.
import { matchesAll, type ItemFilter } from '../../sites/images/filters.js';
import { itemsOf, productData, products, versionNames, type StreamItem } from '../../sites/images/items.js';
import type { ProductsDoc } from '../../sites/images/stream-docs.js';

export interface Selection {
  filters: readonly ItemFilter[];
  max: number | undefined;
  bootloaders: boolean;
}

export type SelectedItem = StreamItem & { path: string; sha256: string; size: number };

export interface SelectResult {
  items: SelectedItem[];
  /** How many items the filters themselves matched (bootloaders added regardless do not count). */
  matched: number;
  /** Every product the stream offered, described by its main attributes (for "selects nothing"). */
  seen: string[];
}

export function isBootloader(contentId: string, data: Readonly<Record<string, string>>): boolean {
  return data['bootloader-type'] !== undefined || /bootloader/.test(contentId);
}

const describedKeys = ['os', 'release', 'arch', 'subarch', 'label', 'bootloader-type'];

export function describeProduct(data: Readonly<Record<string, string>>): string {
  const attrs = describedKeys.filter((k) => data[k] !== undefined).map((k) => `${k}=${data[k]}`);
  return `${data.product_name ?? '?'}${attrs.length > 0 ? ` (${attrs.join(' ')})` : ''}`;
}

export function selectItems(docs: readonly ProductsDoc[], sel: Selection): SelectResult {
  const byPath = new Map<string, SelectedItem>();
  const seen: string[] = [];
  let matched = 0;
  for (const doc of docs) {
    for (const [name, product] of products(doc)) {
      const pdata = productData(doc, name, product);
      seen.push(describeProduct(pdata));
      const always = sel.bootloaders && isBootloader(doc.contentId, pdata);
      const newest = versionNames(product).slice(0, sel.max ?? Infinity);
      for (const item of itemsOf(doc, name, product, newest)) {
        if (item.path === undefined) continue;
        const hit = matchesAll(sel.filters, item.data);
        if (!hit && !always) continue;
        if (hit) matched += 1;
        const where = `${doc.contentId} ${name} ${item.version} ${item.item}`;
        if (item.sha256 === undefined || !/^[0-9a-f]{64}$/.test(item.sha256)) throw new Error(`${where} (${item.path}) has no sha256: it cannot be verified`);
        if (item.size === undefined) throw new Error(`${where} (${item.path}) has no size: it cannot be verified`);
        const chosen = { ...item, path: item.path, sha256: item.sha256, size: item.size };
        const prev = byPath.get(item.path);
        if (prev && prev.sha256 !== chosen.sha256) throw new Error(`${item.path} is listed with two different sha256 (${prev.product} and ${name})`);
        if (!prev) byPath.set(item.path, chosen);
      }
    }
  }
  return { items: [...byPath.values()], matched, seen };
}
