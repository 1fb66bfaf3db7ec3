// The two simplestreams documents (spec apt-simplestreams.md B2): an `index:1.0` naming the
// products files, and a `products:1.0` tree product -> versions -> items. Parsed only from text
// gpgv has vouched for; a shape these functions do not know throws an Error naming the place.

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export interface IndexEntry {
  contentId: string;
  /** Relative to the stream root, e.g. `streams/v1/com.ubuntu.maas:stable:v3:download.sjson`. */
  path: string;
  format: string;
  datatype: string | undefined;
}

export interface StreamIndex {
  updated: string | undefined;
  entries: IndexEntry[];
}

export interface ProductsDoc {
  contentId: string;
  updated: string | undefined;
  /** The whole document, `_aliases` expanded: what attribute inheritance reads. */
  tree: JsonObject;
}

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseJson(text: string, what: string): JsonObject {
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch (err) {
    throw new Error(`${what} is not JSON: ${(err as Error).message}`);
  }
  if (!isObject(doc)) throw new Error(`${what} is not a JSON object`);
  return doc;
}

const str = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

export function parseIndex(text: string): StreamIndex {
  const doc = parseJson(text, 'the index');
  if (doc.format !== 'index:1.0') throw new Error(`the index has format ${JSON.stringify(doc.format)}, expected "index:1.0"`);
  if (!isObject(doc.index)) throw new Error('the index has no "index" object');
  const entries: IndexEntry[] = [];
  for (const [contentId, e] of Object.entries(doc.index)) {
    if (!isObject(e)) throw new Error(`index entry ${contentId} is not an object`);
    const path = str(e.path);
    if (!path) continue;
    assertRelativePath(path, `index entry ${contentId}`);
    entries.push({ contentId, path, format: str(e.format) ?? '', datatype: str(e.datatype) });
  }
  return { updated: str(doc.updated), entries };
}

export function parseProducts(text: string): ProductsDoc {
  const tree = parseJson(text, 'the products file');
  if (tree.format !== 'products:1.0') throw new Error(`the products file has format ${JSON.stringify(tree.format)}, expected "products:1.0"`);
  const contentId = str(tree.content_id);
  if (!contentId) throw new Error('the products file has no content_id');
  if (!isObject(tree.products)) throw new Error(`${contentId} has no "products" object`);
  for (const [name, p] of Object.entries(tree.products)) {
    if (!isObject(p)) throw new Error(`${contentId}: product ${name} is not an object`);
    if (p.versions === undefined) continue;
    if (!isObject(p.versions)) throw new Error(`${contentId}: product ${name} has versions that are not an object`);
    for (const [v, ver] of Object.entries(p.versions)) {
      if (!isObject(ver) || (ver.items !== undefined && !isObject(ver.items))) throw new Error(`${contentId}: ${name} version ${v} is not an object with items`);
    }
  }
  expandAliases(tree, isObject(tree._aliases) ? tree._aliases : undefined);
  return { contentId, updated: str(tree.updated), tree };
}

/** `_aliases`: a key whose string value names an alias entry gets that entry's attributes merged in. */
function expandAliases(node: Json, refs: JsonObject | undefined): void {
  if (!refs) return;
  if (Array.isArray(node)) {
    node.forEach((n) => expandAliases(n, refs));
    return;
  }
  if (!isObject(node)) return;
  for (const key of Object.keys(node)) {
    if (key === '_aliases') continue;
    const table = refs[key];
    const value = node[key];
    if (isObject(table) && typeof value === 'string' && value !== '' && isObject(table[value])) Object.assign(node, table[value]);
  }
  for (const [key, child] of Object.entries(node)) if (key !== '_aliases') expandAliases(child, refs);
}

/** Paths in simplestreams are relative to the stream root; anything absolute or climbing out is refused. */
export function assertRelativePath(path: string, what: string): void {
  if (path.startsWith('/') || path.split('/').some((s) => s === '..' || s === '.' || s === '') || path.includes('\\') || path.includes('\0')) {
    throw new Error(`${what} has path ${JSON.stringify(path)}, which is not a plain relative path`);
  }
}
