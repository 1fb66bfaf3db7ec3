// GET|HEAD /api/v1/snaps/download/SNAPID_REV.snap (spec §7): the blob as stored, with
// Content-Length, Range → 206, no compression and no redirect. On the CDN names a request for
// …/SNAPID_REV.snap is the same object (the appliance never hands out CDN URLs itself). A fill
// (online) must have the size and sha3-384 the revision record gives; it follows upstream's CDN
// redirect itself.
import type { ObjectAnswer, SiteContext, SiteRequest } from '../site.js';
import { blobPath, isRevisionRecord, readRecord, revisionPath } from './records.js';

const blobName = /(?:^|\/)([A-Za-z0-9]{32})_([1-9][0-9]{0,9})\.snap$/;

/** The snap-id and revision a download path names, or undefined. */
export function blobOf(path: string): { id: string; revision: number } | undefined {
  const m = blobName.exec(path);
  return m ? { id: m[1]!, revision: Number(m[2]) } : undefined;
}

export async function blobAnswer(req: SiteRequest, ctx: Pick<SiteContext, 'lookup' | 'read'>, id: string, revision: number): Promise<ObjectAnswer> {
  const path = blobPath(id, revision);
  const answer: ObjectAnswer = { kind: 'object', ns: req.group.namespace, path };
  const rec = await readRecord(ctx, req.group.namespace, revisionPath(id, revision), isRevisionRecord);
  if (!rec) return answer;
  return { ...answer, expectedSize: rec.download.size, expectedDigests: { 'sha3-384': rec.download['sha3-384'] } };
}
