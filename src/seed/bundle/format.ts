// The bundle format, version 1: a POSIX tar whose entries come in this order, so an importer can
// check everything while reading once, front to back:
//
//   airgap-cache-bundle/bundle.json     what this is: tool, kind, manifest, what it asked for
//   airgap-cache-bundle/objects.ndjson  one line per (namespace, path): blob, size, response metadata
//   blobs/sha256/ab/abcdef…             each distinct payload once, uncompressed, named by its sha256
//   airgap-cache-bundle/end.json        sha256 of the two files above and the totals
//
// Nothing else may appear. The bundle id is the sha256 of objects.ndjson.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const FORMAT = 'airgap-cache-bundle';
export const FORMAT_VERSION = 1;
export const BUNDLE_JSON = 'airgap-cache-bundle/bundle.json';
export const OBJECTS_NDJSON = 'airgap-cache-bundle/objects.ndjson';
export const END_JSON = 'airgap-cache-bundle/end.json';

const blobName = /^blobs\/sha256\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

export function blobEntryName(sha256: string): string {
  return `blobs/sha256/${sha256.slice(0, 2)}/${sha256}`;
}

/** The sha256 a payload entry name stands for, or undefined for any other name. */
export function blobOfEntry(name: string): string | undefined {
  const m = blobName.exec(name);
  return m && m[2]!.startsWith(m[1]!) ? m[2] : undefined;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');
const millis = z.number().int().nonnegative();

/** Why a store path is refused, or undefined when it is one a request could map to. */
export function storePathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'does not start with /';
  if (path.length > 4096) return 'is longer than 4096 characters';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\x00-\x1f\x7f\\]/.test(path)) return 'contains a control character or a backslash';
  if (path.split('/').some((s) => s === '.' || s === '..')) return 'contains a . or .. segment';
  return undefined;
}

export const bundleObjectSchema = z
  .object({
    ns: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a namespace name'),
    path: z.string().superRefine((p, ctx) => {
      const problem = storePathProblem(p);
      if (problem) ctx.addIssue({ code: 'custom', message: `path ${problem}` });
    }),
    sha256: hex64,
    size: z.number().int().nonnegative(),
    contentType: z.string().min(1).max(256),
    lastModified: millis,
    fetchedAt: millis,
    digests: z.record(z.string().regex(/^[a-z0-9-]+$/), z.string().regex(/^[0-9a-f]+$/)),
    /** Where the bytes were fetched (informational). */
    url: z.string().optional(),
  })
  .strict();

export type BundleObject = z.infer<typeof bundleObjectSchema>;

export const requestedSchema = z
  .object({
    /** The manifest section (or `export`) that asked. */
    section: z.string(),
    /** What was asked for, in the section's words (a URL, a suite, a namespace). */
    item: z.string(),
    /** The objects that make it complete: [namespace, path]. */
    objects: z.array(z.tuple([z.string(), z.string()])),
  })
  .strict();

export type Requested = z.infer<typeof requestedSchema>;

export const bundleInfoSchema = z
  .object({
    format: z.literal(FORMAT),
    formatVersion: z.literal(FORMAT_VERSION),
    id: hex64,
    tool: z.string(),
    kind: z.enum(['seed', 'export']),
    createdAt: z.string(),
    /** The seed manifest as given (YAML text), or null for an export. */
    manifest: z.string().nullable(),
    requested: z.array(requestedSchema),
    objects: z.number().int().nonnegative(),
    blobs: z.number().int().nonnegative(),
    payloadBytes: z.number().int().nonnegative(),
  })
  .strict();

export type BundleInfo = z.infer<typeof bundleInfoSchema>;

export const endSchema = z
  .object({
    bundleJsonSha256: hex64,
    objectsSha256: hex64,
    blobs: z.number().int().nonnegative(),
    payloadBytes: z.number().int().nonnegative(),
  })
  .strict();

export type BundleEnd = z.infer<typeof endSchema>;

/** The one-line description of a bundle object in messages: `namespace:/path`. */
export function objectName(o: { ns: string; path: string }): string {
  return `${o.ns}:${o.path}`;
}

let version: string | undefined;

/** `airgap-cache X.Y.Z`, from package.json (one level above both src/ and dist/). */
export function toolVersion(): string {
  if (version === undefined) {
    const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '../../../package.json');
    version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  }
  return `airgap-cache ${version}`;
}
