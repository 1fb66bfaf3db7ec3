// Walking a products tree the way simplestreams does: every item sees the string attributes of the
// document, its product, its version and itself (later levels win), plus product_name,
// version_name and item_name. Those flattened strings are what filters match; path, sha256 and
// ftype may have been condensed up to a version or product, so they are read from them too.
import { assertRelativePath, isObject, type Json, type JsonObject, type ProductsDoc } from './stream-docs.js';

export interface StreamItem {
  contentId: string;
  product: string;
  version: string;
  item: string;
  data: Record<string, string>;
  path: string | undefined;
  sha256: string | undefined;
  size: number | undefined;
}

export function stringAttrs(node: JsonObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(node)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function products(doc: ProductsDoc): [string, JsonObject][] {
  return Object.entries(doc.tree.products as JsonObject) as [string, JsonObject][];
}

/** Version names newest first, as simplestreams orders them (plain string order, reversed). */
export function versionNames(product: JsonObject): string[] {
  return isObject(product.versions) ? Object.keys(product.versions).sort().reverse() : [];
}

/** The flattened attributes of a product (no version or item): what a product-level listing shows. */
export function productData(doc: ProductsDoc, name: string, product: JsonObject): Record<string, string> {
  return { ...stringAttrs(doc.tree), ...stringAttrs(product), product_name: name };
}

/** The items of the given versions of one product (all versions when none are given). */
export function* itemsOf(doc: ProductsDoc, name: string, product: JsonObject, versions = versionNames(product)): Generator<StreamItem> {
  const base = productData(doc, name, product);
  for (const version of versions) {
    const ver = (product.versions as JsonObject)[version] as JsonObject;
    const vdata = { ...base, ...stringAttrs(ver), version_name: version };
    const items = isObject(ver.items) ? ver.items : {};
    for (const [item, node] of Object.entries(items)) {
      if (!isObject(node)) continue;
      const data: Record<string, string> = { ...vdata, ...stringAttrs(node), item_name: item };
      if (data.path !== undefined) assertRelativePath(data.path, `${doc.contentId} ${name} ${version} ${item}`);
      yield { contentId: doc.contentId, product: name, version, item, data, path: data.path, sha256: data.sha256?.toLowerCase(), size: sizeOf(node, ver, product) };
    }
  }
}

function sizeOf(...levels: JsonObject[]): number | undefined {
  for (const l of levels) {
    const v: Json | undefined = l.size;
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
    if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  }
  return undefined;
}
