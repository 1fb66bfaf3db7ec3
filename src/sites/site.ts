import type { IncomingHttpHeaders } from 'node:http';
import type { HostGroup } from '../config/schema.js';

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
  expectedSha256?: string;
  /**
   * Where the policy allows fills (online), a stored copy fetched longer ago than this is fetched
   * again (one shared fill); offline, or when upstream fails or has none, the stored copy is served.
   */
  revalidateAfterMs?: number;
}

export type SiteAnswer = ObjectAnswer | ({ kind: 'reply' } & Reply);

export interface Site {
  readonly name: string;
  answer(req: SiteRequest): SiteAnswer | Promise<SiteAnswer>;
  /** The upstream-shaped "not here" for an object that is not cached and will not be fetched. */
  notFound(req: SiteRequest): Reply;
}
