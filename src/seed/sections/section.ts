// What a manifest section is: its key, its schema, and how it seeds. The generic `urls:` section
// is one; `apt:`, `images:`, `snaps:` and `charms:` plug in the same way (sections/registry.ts).
import type { z } from 'zod';
import type { Logger } from '../../log.js';
import type { ApiCall, ApiResponse } from '../../upstream/api-call.js';
import type { BundleObject, Requested } from '../bundle/format.js';

export interface StoreTarget {
  ns: string;
  path: string;
}

export interface FetchSpec extends StoreTarget {
  url: string;
  /** Published size and digests, when upstream publishes any: the download must match them. */
  expectedSize?: number | undefined;
  expectedSha256?: string | undefined;
  expectedDigests?: Record<string, string> | undefined;
}

export interface Fetched {
  object: BundleObject;
  /** The verified bytes on this machine (in the seed's work directory), for sections that read indexes. */
  file: string;
}

/** Bytes a section composed itself (a metadata record) for the bundle, at a store target. */
export interface ComposedSpec extends StoreTarget {
  bytes: Buffer;
  contentType: string;
  /** What it was made from (informational, like a fetched object's URL). */
  url?: string | undefined;
}

export interface SectionContext {
  /** The (namespace, path) a client's request for this URL hits; a manifest error naming `key` if none. */
  target(url: string, key: string): StoreTarget;
  /** Downloads (or finds already downloaded in the work directory) and verifies one object. */
  fetch(spec: FetchSpec): Promise<Fetched>;
  /** An upstream API call (a store's JSON or assertions), answered whole; absent where a seed cannot make one. */
  api?(call: ApiCall): Promise<ApiResponse>;
  /** Puts composed bytes into the bundle; absent where a seed cannot hold them. */
  put?(spec: ComposedSpec): Promise<BundleObject>;
  log: Logger;
}

export interface SectionResult {
  objects: BundleObject[];
  requested: Requested[];
}

export interface Section<C> {
  /** The manifest's top-level key. */
  key: string;
  schema: z.ZodType<C>;
  /** What can be checked before anything is fetched (hosts served, duplicates); throws AGC_ERR_MANIFEST. */
  check?(config: C, ctx: Pick<SectionContext, 'target'>): void;
  /** Further top-level manifest keys the section reads (`snaps-prerequisites:` beside `snaps:`), handed to seed. */
  companions?: Record<string, z.ZodType>;
  seed(config: C, ctx: SectionContext, companions?: Record<string, unknown>): Promise<SectionResult>;
}

export type AnySection = Section<unknown>;

/** Erases a section's config type for the registry; the manifest schema has already checked it. */
export function defineSection<C>(s: Section<C>): AnySection {
  return {
    key: s.key,
    schema: s.schema as z.ZodType<unknown>,
    check: s.check ? (config, ctx) => s.check!(config as C, ctx) : undefined,
    companions: s.companions,
    seed: (config, ctx, companions) => s.seed(config as C, ctx, companions),
  };
}
