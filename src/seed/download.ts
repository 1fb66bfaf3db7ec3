// One download into the work directory, resumable: bytes land in partial/, an interrupted transfer
// continues with Range + If-Range (a changed object comes whole and starts over), and only bytes
// whose size and digests check out are moved to blobs/ and written to the journal.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AgcError } from '../errors.js';
import { diskFullMessage, isDiskFull } from '../store/disk-full.js';
import { upstreamGet, type UpstreamDispatcher, type UpstreamResponse } from '../upstream/get.js';
import type { Progress } from './progress.js';
import type { FetchSpec } from './sections/section.js';
import type { Completed, WorkDir } from './work-dir.js';

export interface DownloadContext {
  work: WorkDir;
  dispatcher: UpstreamDispatcher;
  progress?: Progress | undefined;
  signal?: AbortSignal | undefined;
}

interface PartialMeta {
  url: string;
  validator: string | undefined;
  contentType: string;
  lastModified: number;
  total: number | undefined;
}

export async function download(spec: FetchSpec, ctx: DownloadContext): Promise<Completed> {
  return transfer(spec, ctx).catch((err: unknown) => {
    if (!isDiskFull(err)) throw err;
    // The meta file, the journal or the body: not an upstream fault, so retrying cannot help until
    // space is freed (a partial body is kept for then).
    const dir = dirname(ctx.work.partialFiles(spec.url).data);
    throw new AgcError('AGC_ERR_STORE', `${spec.url}: ${diskFullMessage(dir, spec.expectedSize, 0)}`, { subject: spec.url, cause: err });
  });
}

async function transfer(spec: FetchSpec, ctx: DownloadContext): Promise<Completed> {
  const files = ctx.work.partialFiles(spec.url);
  let meta = await readMeta(files.meta, spec.url);
  let have = meta?.validator ? ((await stat(files.data).catch(() => undefined))?.size ?? 0) : 0;
  let hashes = newHashes(spec);
  if (have > 0) await hashFile(files.data, hashes);
  const res = await upstreamGet(ctx.dispatcher, spec.url, { from: have, ifRange: meta?.validator, signal: ctx.signal });
  const resumed = res.status === 206 && have > 0 && res.range?.start === have;
  if (!resumed) {
    if (res.status !== 200) await refuse(res, spec.url, files);
    have = 0;
    hashes = newHashes(spec);
    meta = {
      url: spec.url,
      validator: res.etag ?? res.lastModifiedRaw,
      contentType: res.contentType ?? 'application/octet-stream',
      lastModified: res.lastModified ?? Date.now(),
      total: res.contentLength,
    };
    await writeFile(files.meta, JSON.stringify(meta));
  }
  const total = resumed ? (res.range?.total ?? meta!.total) : res.contentLength;
  if (spec.expectedSize !== undefined && total !== undefined && total !== spec.expectedSize) {
    await res.dump();
    await discard(files);
    throw new AgcError('AGC_ERR_DIGEST_MISMATCH', `${spec.url}: upstream has ${total} bytes, ${spec.expectedSize} were announced`, { subject: spec.url });
  }
  const { progress } = ctx;
  progress?.startItem(spec.url, spec.url, total);
  if (have > 0) progress?.credit(have, spec.url);
  const written = await append(files.data, resumed, res, hashes, (n) => progress?.add(n, spec.url)).catch((err: unknown) => {
    if (!isDiskFull(err)) throw err;
    // Not an upstream fault: retrying cannot help until space is freed (the partial is kept for then).
    throw new AgcError('AGC_ERR_STORE', `${spec.url}: ${diskFullMessage(dirname(files.data), total, have)}`, { subject: spec.url, cause: err });
  });
  const size = have + written;
  if (total !== undefined && size !== total) {
    throw new AgcError('AGC_ERR_UPSTREAM', `${spec.url}: the transfer stopped at ${size} of ${total} bytes (kept for resuming)`, { subject: spec.url });
  }
  return complete(spec, ctx.work, files, meta!, size, hashes);
}

async function complete(spec: FetchSpec, work: WorkDir, files: { data: string; meta: string }, meta: PartialMeta, size: number, hashes: Map<string, Hash>): Promise<Completed> {
  const digests = Object.fromEntries([...hashes].map(([alg, h]) => [alg, h.digest('hex')]));
  const sha256 = digests.sha256!;
  delete digests.sha256;
  const problem = mismatch(spec, size, sha256, digests);
  if (problem) {
    await discard(files);
    throw new AgcError('AGC_ERR_DIGEST_MISMATCH', `${spec.url}: ${problem} (as published; the download was discarded)`, { subject: spec.url });
  }
  await rename(files.data, work.blobFile(sha256));
  await unlink(files.meta).catch(() => undefined);
  const done: Completed = { url: spec.url, sha256, size, contentType: meta.contentType, lastModified: meta.lastModified, fetchedAt: Date.now(), digests };
  await work.record(done);
  return done;
}

function mismatch(spec: FetchSpec, size: number, sha256: string, digests: Record<string, string>): string | undefined {
  if (spec.expectedSize !== undefined && size !== spec.expectedSize) return `got ${size} bytes, expected ${spec.expectedSize}`;
  if (spec.expectedSha256 !== undefined && spec.expectedSha256 !== sha256) return `sha256 ${sha256}, expected ${spec.expectedSha256}`;
  for (const [alg, want] of Object.entries(spec.expectedDigests ?? {})) {
    if (digests[alg] !== want.toLowerCase()) return `${alg} ${digests[alg]}, expected ${want}`;
  }
  return undefined;
}

async function append(file: string, resumed: boolean, res: UpstreamResponse, hashes: Map<string, Hash>, onBytes: (n: number) => void): Promise<number> {
  const fh = await open(file, resumed ? 'a' : 'w');
  let n = 0;
  try {
    for await (const chunk of res.chunks()) {
      for (const h of hashes.values()) h.update(chunk);
      let off = 0;
      while (off < chunk.length) off += (await fh.write(chunk, off, chunk.length - off)).bytesWritten;
      n += chunk.length;
      onBytes(chunk.length);
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
  return n;
}

/** Any answer but 200 to a fresh request (or 206 to a resume) ends this download. */
async function refuse(res: UpstreamResponse, url: string, files: { data: string; meta: string }): Promise<never> {
  await res.dump();
  if (res.status === 416) {
    await discard(files);
    throw new AgcError('AGC_ERR_UPSTREAM', `${url}: upstream refused to resume (416); the partial download was discarded`, { subject: url });
  }
  if (res.status === 404 || res.status === 410) throw new AgcError('AGC_ERR_NOT_FOUND', `${url}: upstream has no such object (${res.status})`, { subject: url });
  throw new AgcError('AGC_ERR_UPSTREAM', `${url}: upstream answered ${res.status}`, { subject: url });
}

function newHashes(spec: FetchSpec): Map<string, Hash> {
  const algs = new Set(['sha256', ...Object.keys(spec.expectedDigests ?? {})]);
  return new Map([...algs].map((a) => [a, createHash(a)]));
}

async function hashFile(file: string, hashes: Map<string, Hash>): Promise<void> {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) for (const h of hashes.values()) h.update(chunk);
}

async function readMeta(file: string, url: string): Promise<PartialMeta | undefined> {
  try {
    const m = JSON.parse(await readFile(file, 'utf8')) as PartialMeta;
    return m.url === url ? m : undefined;
  } catch {
    return undefined;
  }
}

async function discard(files: { data: string; meta: string }): Promise<void> {
  await unlink(files.data).catch(() => undefined);
  await unlink(files.meta).catch(() => undefined);
}
