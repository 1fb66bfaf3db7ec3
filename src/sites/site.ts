import type { IncomingHttpHeaders } from 'node:http';
import type { HostGroup } from '../config/schema.js';
import type { ObjectMeta } from '../store/types.js';

/** A request as a site sees it: already routed to its host group, path decoded and checked. */
export interface SiteRequest {
  method: string;
  host: string;
  group: HostGroup;
  /** Decoded, normalised path beginning with `/`; never contains `.`/`..` segments or NUL. */
  path: string;
  /** The raw query string without `?`, or ''. */
  query: string;
  headers: IncomingHttpHeaders;
  /** The request body of a POST (or other method with a body), at most MAX_REQUEST_BODY_BYTES; absent for GET and HEAD. */
  body?: Buffer;
}

/** A composed answer (an API reply, an upstream-shaped error). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

/** Serve these bytes from the store (and, on a miss, let the miss policy decide). */
export interface ObjectAnswer {
  kind: 'object';
  ns: string;
  path: string;
  /** Path on the group's upstream to fill from, when it differs from `path`. */
  upstreamPath?: string;
  expectedSize?: number;
  /** The bytes this path must have now: a stored copy with other bytes counts as a miss. */
  expectedSha256?: string;
  /** Further digests the bytes must match on a fill (Node hash names: sha512, md5, …). */
  expectedDigests?: Record<string, string>;
  /** Other paths (same namespace) a fill of these bytes also answers, such as APT by-hash names. */
  aliases?: string[];
  /**
   * Where the policy allows fills (online), a stored copy fetched longer ago than this is fetched
   * again (one shared fill); offline, or when upstream fails or has none, the stored copy is served.
   */
  revalidateAfterMs?: number;
}

/** What upstream answered an API call (bounded in size, already read). */
export interface UpstreamReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Small bytes an API answer keeps in the group's namespace (assertions, composed metadata). */
export interface KeptObject {
  path: string;
  bytes: Buffer;
  contentType: string;
}

/**
 * An API call the site composes itself from the store; where the policy allows fills (online) it
 * is asked upstream first and the site turns upstream's answer into the client's (and may keep
 * parts of it). An upstream that fails or answers 5xx gets the composed answer instead.
 */
export interface ApiAnswer {
  kind: 'api';
  upstream: { method: string; path: string; query: string; headers: Record<string, string>; body?: Buffer | undefined };
  local(): Reply | Promise<Reply>;
  fromUpstream(res: UpstreamReply): { reply: Reply; keep?: KeptObject[] } | Promise<{ reply: Reply; keep?: KeptObject[] }>;
}

export type SiteAnswer = ObjectAnswer | ApiAnswer | ({ kind: 'reply' } & Reply);

/** The configuration sites read (each its own part). */
export interface SiteSettings {
  /** How long an online appliance serves a suite's InRelease before asking upstream again, ms. */
  aptMetadataMaxAgeMs: number;
  /** A site OCI registry the charm site points oci-image resources at (config `charm.ociRegistry`). */
  charmOciRegistry?: { url: string; username: string; password: string } | undefined;
}

export const defaultSiteSettings: SiteSettings = { aptMetadataMaxAgeMs: 300_000 };

/** What a site may read of the store while it decides (never write). */
export interface SiteContext {
  settings: SiteSettings;
  lookup(ns: string, path: string): ObjectMeta | undefined;
  /** Every stored entry whose path starts with `prefix` (ending in `/`); absent means none. */
  list?(ns: string, prefix: string): ObjectMeta[];
  /** The bytes of a stored object (small ones come from memory). */
  read(meta: ObjectMeta): Promise<Buffer>;
}

export interface Site {
  readonly name: string;
  answer(req: SiteRequest, ctx: SiteContext): SiteAnswer | Promise<SiteAnswer>;
  /** The upstream-shaped "not here" for an object that is not cached and will not be fetched. */
  notFound(req: SiteRequest): Reply;
}
