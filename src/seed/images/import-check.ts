// On import, every simplestreams file a bundle brings for an images site is checked as MAAS would
// check it: each signed .sjson verifies with the appliance's keyrings (real gpgv), an unsigned
// .json is carried only beside its signed twin and identical to it, and every item that a
// products file in the bundle lists and the bundle carries has that file's sha256 and size.
// Items no products file in the bundle lists (older sets in an export) are inert and pass.
import { readFile } from 'node:fs/promises';
import type { HostGroup } from '../../config/schema.js';
import { AgcError } from '../../errors.js';
import { itemsOf, products } from '../../sites/images/items.js';
import { parseIndex, parseProducts } from '../../sites/images/stream-docs.js';
import { objectName, type BundleObject } from '../bundle/format.js';
import type { ImportCheck } from '../import-check.js';
import { checkKeyrings, verifiedText } from './signed-set.js';
import { twinMatches } from './unsigned-twin.js';

const metadata = /^(.*\/)streams\/v1\/([^/]+)\.(s?json)$/;

/** The namespaces the images site serves: where imports are checked and status looks. */
export function imagesNamespaces(groups: readonly HostGroup[]): Set<string> {
  return new Set(groups.filter((g) => g.site === 'images').map((g) => g.namespace));
}

export function imagesImportCheck(keyrings: readonly string[], namespaces: ReadonlySet<string>): ImportCheck {
  return async (objects, blobFile) => {
    const mine = objects.filter((o) => namespaces.has(o.ns));
    const byKey = new Map(mine.map((o) => [key(o.ns, o.path), o]));
    const signed = mine.filter((o) => metadata.exec(o.path)?.[3] === 'sjson');
    if (signed.length > 0) await checkKeyrings(keyrings);
    const texts = new Map<string, string>();
    for (const o of signed) {
      const text = await verifiedText(o.path, { keyrings, read: () => readFile(blobFile(o.sha256)), name: () => objectName(o) });
      texts.set(key(o.ns, o.path), text);
    }
    for (const o of mine) {
      const m = metadata.exec(o.path);
      if (!m || m[3] !== 'json') continue;
      const text = texts.get(key(o.ns, o.path.replace(/\.json$/, '.sjson')));
      if (text === undefined) throw refuse(o, 'is unsigned metadata that comes without its signed .sjson');
      if (!twinMatches(await readFile(blobFile(o.sha256)), text, m[2] === 'index')) throw refuse(o, 'differs from its signed .sjson');
    }
    for (const o of signed) {
      const [, root = '/', name] = metadata.exec(o.path)!;
      const text = texts.get(key(o.ns, o.path))!;
      if (name === 'index') {
        parsedOr(o, () => parseIndex(text));
        continue;
      }
      const doc = parsedOr(o, () => parseProducts(text));
      for (const [pname, product] of products(doc)) {
        for (const item of parsedOr(o, () => [...itemsOf(doc, pname, product)])) {
          if (item.path === undefined) continue;
          const carried = byKey.get(key(o.ns, root + item.path));
          if (!carried) continue;
          if (item.size !== undefined && carried.size !== item.size) throw refuse(carried, `has ${carried.size} bytes; ${objectName(o)} says ${item.size}`);
          if (item.sha256 !== undefined && carried.sha256 !== item.sha256) throw refuse(carried, `has sha256 ${carried.sha256}; ${objectName(o)} says ${item.sha256}`);
        }
      }
    }
  };
}

function key(ns: string, path: string): string {
  return `${ns}\0${path}`;
}

function parsedOr<T>(o: BundleObject, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw refuse(o, `is signed but not a simplestreams document: ${(err as Error).message}`);
  }
}

function refuse(o: BundleObject, why: string): AgcError {
  return new AgcError('AGC_ERR_BUNDLE', `${objectName(o)} ${why}; the bundle is refused and nothing from it is visible`, { subject: objectName(o) });
}
