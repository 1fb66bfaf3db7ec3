// GET|HEAD /api/v1/charms/download/ID_REV.charm and /api/v1/resources/download/charm_ID.RESOURCE_REV
// (spec charmhub.md §3.5, §5): the bytes as stored, status 200 with Content-Length, no compression
// and no redirect; a stored copy must have the sha256 (and a fill also the sha384 and size) its
// record advertises. An oci-image document under a site registry is served rewritten (oci.ts).
import type { ObjectAnswer, Reply, SiteContext, SiteRequest } from '../site.js';
import { rewrittenResource } from './oci.js';
import { readRecord } from './read-record.js';
import { charmBlobPath, isResourceRecord, isRevisionRecord, resourceBlobPath, resourcePath, revisionPath, type Digests } from './records.js';

const charmBlob = /^\/api\/v1\/charms\/download\/([A-Za-z0-9]{32})_(0|[1-9][0-9]{0,9})\.charm$/;
const resourceBlob = /^\/api\/v1\/resources\/download\/charm_([A-Za-z0-9]{32})\.([A-Za-z0-9][A-Za-z0-9_-]*)_(0|[1-9][0-9]{0,9})$/;

export type BlobRef = { blob: 'charm'; id: string; revision: number } | { blob: 'resource'; id: string; resource: string; revision: number };

export function blobOf(path: string): BlobRef | undefined {
  const c = charmBlob.exec(path);
  if (c) return { blob: 'charm', id: c[1]!, revision: Number(c[2]) };
  const r = resourceBlob.exec(path);
  return r ? { blob: 'resource', id: r[1]!, resource: r[2]!, revision: Number(r[3]) } : undefined;
}

const checked = (a: ObjectAnswer, d: Digests): ObjectAnswer => ({ ...a, expectedSize: d.size, expectedSha256: d['hash-sha-256'], expectedDigests: { sha384: d['hash-sha-384'] } });

export async function blobAnswer(req: SiteRequest, ctx: Pick<SiteContext, 'lookup' | 'read' | 'settings'>, ref: BlobRef): Promise<ObjectAnswer | ({ kind: 'reply' } & Reply)> {
  const ns = req.group.namespace;
  if (ref.blob === 'charm') {
    const answer: ObjectAnswer = { kind: 'object', ns, path: charmBlobPath(ref.id, ref.revision) };
    const rec = await readRecord(ctx, ns, revisionPath(ref.id, ref.revision), isRevisionRecord);
    return rec ? checked(answer, rec.download) : answer;
  }
  const answer: ObjectAnswer = { kind: 'object', ns, path: resourceBlobPath(ref.id, ref.resource, ref.revision) };
  const rec = await readRecord(ctx, ns, resourcePath(ref.id, ref.resource, ref.revision), isResourceRecord);
  if (!rec) return answer;
  const rewritten = await rewrittenResource(ctx, ns, ref.id, rec);
  if (rewritten) return { kind: 'reply', status: 200, headers: { 'content-type': 'application/octet-stream' }, body: rewritten.bytes };
  return checked(answer, rec.download);
}
