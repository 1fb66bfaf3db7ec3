// Bytes a section composed itself (a snap's metadata records) into the seed's work directory,
// named by their sha256 like every fetched blob, so the bundle writer treats them alike.
import { createHash, randomBytes } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import type { BundleObject } from './bundle/format.js';
import type { ComposedSpec } from './sections/section.js';
import type { WorkDir } from './work-dir.js';

export async function putComposed(work: Pick<WorkDir, 'blobFile'>, spec: ComposedSpec): Promise<BundleObject> {
  const sha256 = createHash('sha256').update(spec.bytes).digest('hex');
  const file = work.blobFile(sha256);
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, spec.bytes);
  await rename(tmp, file);
  const now = Date.now();
  const object: BundleObject = { ns: spec.ns, path: spec.path, sha256, size: spec.bytes.length, contentType: spec.contentType, lastModified: now, fetchedAt: now, digests: {} };
  if (spec.url) object.url = spec.url;
  return object;
}
