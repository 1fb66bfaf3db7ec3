// oci-image resources (spec charmhub.md §6, strategy A): Charmhub's "download" is a small JSON
// document {ImageName, Username, Password} naming registry.jujucharms.com. With a site registry
// configured (charm.ociRegistry) the site serves that document rewritten to name the site
// registry (same repository path and digest) with its credentials, and advertises the size and
// digests of the rewritten bytes wherever the resource appears. Without one, bytes are as seeded.
import { createHash } from 'node:crypto';
import type { SiteContext, SiteSettings } from '../site.js';
import { resourceBlobPath, type Digests, type ResourceRecord } from './records.js';

export type Registry = NonNullable<SiteSettings['charmOciRegistry']>;

/** The registry host (and path prefix) images are renamed to: `https://reg.example:5000/x` → `reg.example:5000/x`. */
export function registryPrefix(reg: Registry): string {
  const u = new URL(reg.url);
  return `${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

/** Docker's rule: the first component is a registry when it has a dot or a port or is localhost. */
export function renameImage(image: string, prefix: string): string {
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  const repo = first && (first.includes('.') || first.includes(':') || first === 'localhost') ? image.slice(slash + 1) : image;
  return `${prefix}/${repo}`;
}

/** The rewritten document, or undefined when it is not a JSON image document. */
export function rewriteDocument(bytes: Buffer, reg: Registry): Buffer | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  const key = Object.keys(doc).find((k) => k.toLowerCase() === 'imagename');
  const image = key ? (doc as Record<string, unknown>)[key] : undefined;
  if (typeof image !== 'string') return undefined;
  return Buffer.from(JSON.stringify({ ImageName: renameImage(image, registryPrefix(reg)), Username: reg.username, Password: reg.password }));
}

export function digestsOf(bytes: Buffer): Digests {
  return {
    size: bytes.length,
    'hash-sha-256': createHash('sha256').update(bytes).digest('hex'),
    'hash-sha-384': createHash('sha384').update(bytes).digest('hex'),
  };
}

/** The bytes and digests to serve for an oci-image resource under a site registry; undefined: serve as seeded. */
export async function rewrittenResource(ctx: Pick<SiteContext, 'lookup' | 'read' | 'settings'>, ns: string, id: string, rec: ResourceRecord): Promise<{ bytes: Buffer; download: Digests } | undefined> {
  const reg = ctx.settings.charmOciRegistry;
  if (!reg || rec.type !== 'oci-image') return undefined;
  const meta = ctx.lookup(ns, resourceBlobPath(id, rec.name, rec.revision));
  if (!meta || meta.sha256 !== rec.download['hash-sha-256']) return undefined;
  const bytes = rewriteDocument(await ctx.read(meta), reg);
  return bytes ? { bytes, download: digestsOf(bytes) } : undefined;
}
