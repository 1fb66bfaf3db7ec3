// Writes one bundle: the description and object list first, each distinct blob once (re-hashed on
// the way, so a bundle never carries bytes that differ from its list), then the closing summary.
// The file appears under its name only when complete (written as NAME.partial, fsynced, renamed).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { AgcError } from '../../errors.js';
import type { Progress } from '../progress.js';
import {
  BUNDLE_JSON,
  END_JSON,
  FORMAT,
  FORMAT_VERSION,
  OBJECTS_NDJSON,
  blobEntryName,
  objectName,
  toolVersion,
  type BundleInfo,
  type BundleObject,
  type Requested,
} from './format.js';
import { TarWriter } from './tar-writer.js';

export interface BundleInput {
  kind: BundleInfo['kind'];
  manifest: string | null;
  requested: Requested[];
  objects: BundleObject[];
  /** Where the bytes of a blob are on this machine. */
  blobFile(sha256: string): string;
  progress?: Progress | undefined;
}

export interface WrittenBundle {
  id: string;
  objects: number;
  blobs: number;
  payloadBytes: number;
  fileBytes: number;
}

export async function writeBundle(out: string, input: BundleInput): Promise<WrittenBundle> {
  const objects = [...input.objects].sort(byNsPath);
  const objectsText = Buffer.from(objects.map((o) => JSON.stringify(o) + '\n').join(''));
  const blobs = distinctBlobs(objects);
  const payloadBytes = [...blobs.values()].reduce((n, o) => n + o.size, 0);
  const now = new Date();
  const info: BundleInfo = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    id: sha256(objectsText),
    tool: toolVersion(),
    kind: input.kind,
    createdAt: now.toISOString(),
    manifest: input.manifest,
    requested: input.requested,
    objects: objects.length,
    blobs: blobs.size,
    payloadBytes,
  };
  const infoText = Buffer.from(JSON.stringify(info, null, 2) + '\n');
  const mtime = Math.floor(now.getTime() / 1000);
  const partial = `${out}.partial`;
  const fh = await open(partial, 'w', 0o644);
  try {
    const tar = new TarWriter(fh);
    await tar.addBuffer(BUNDLE_JSON, infoText, mtime);
    await tar.addBuffer(OBJECTS_NDJSON, objectsText, mtime);
    input.progress?.begin({ totalBytes: payloadBytes, totalItems: blobs.size });
    for (const [sha, first] of blobs) {
      await tar.addStream(blobEntryName(sha), first.size, checked(input.blobFile(sha), first, input.progress), mtime);
      input.progress?.itemDone();
    }
    const end = { bundleJsonSha256: sha256(infoText), objectsSha256: info.id, blobs: blobs.size, payloadBytes };
    await tar.addBuffer(END_JSON, Buffer.from(JSON.stringify(end) + '\n'), mtime);
    await tar.finish();
    await fh.sync();
    await fh.close();
    await rename(partial, out);
    return { id: info.id, objects: objects.length, blobs: blobs.size, payloadBytes, fileBytes: tar.position };
  } catch (err) {
    await fh.close().catch(() => undefined);
    await unlink(partial).catch(() => undefined);
    throw err;
  }
}

/** The blob's bytes, hashed as they pass; a blob that changed since it was verified is an error. */
async function* checked(file: string, o: BundleObject, progress: Progress | undefined): AsyncGenerator<Buffer> {
  const h = createHash('sha256');
  let n = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      h.update(chunk);
      n += chunk.length;
      if (n > o.size) break;
      progress?.add(chunk.length);
      yield chunk;
    }
  } catch (cause) {
    throw new AgcError('AGC_ERR_CORRUPT', `${objectName(o)}: cannot read its blob ${file}: ${(cause as Error).message}`, { subject: objectName(o), cause });
  }
  const got = h.digest('hex');
  if (n !== o.size || got !== o.sha256) {
    throw new AgcError('AGC_ERR_CORRUPT', `${objectName(o)}: blob ${file} changed since it was verified (${n} bytes, sha256 ${got}; expected ${o.size}, ${o.sha256})`, {
      subject: objectName(o),
    });
  }
}

function distinctBlobs(objects: BundleObject[]): Map<string, BundleObject> {
  const out = new Map<string, BundleObject>();
  for (const o of objects) if (!out.has(o.sha256)) out.set(o.sha256, o);
  return out;
}

function byNsPath(a: BundleObject, b: BundleObject): number {
  if (a.ns !== b.ns) return a.ns < b.ns ? -1 : 1;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}
