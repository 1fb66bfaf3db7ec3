// Every error the appliance raises on purpose carries a stable code, an HTTP status and its subject.
// docs/errors.md lists the same codes; test/errors.test.ts keeps the two in step.

export const errorCodes = {
  AGC_ERR_CONFIG: { status: 500, summary: 'the configuration file or a command-line option is invalid' },
  AGC_ERR_LISTEN: { status: 500, summary: 'a door could not bind its address and port' },
  AGC_ERR_NOT_FOUND: { status: 404, summary: 'the object is not in the cache (and offline mode, or upstream has none)' },
  AGC_ERR_HOST_REFUSED: { status: 421, summary: 'the request names a host that no host group serves' },
  AGC_ERR_BAD_PATH: { status: 400, summary: 'the request path is malformed, escapes its root or uses forbidden characters' },
  AGC_ERR_METHOD: { status: 405, summary: 'the method is not one the cache answers' },
  AGC_ERR_BODY_TOO_LARGE: { status: 413, summary: 'a request body is larger than the appliance reads (4 MiB)' },
  AGC_ERR_RANGE: { status: 416, summary: 'the requested range cannot be satisfied' },
  AGC_ERR_DIGEST_MISMATCH: { status: 502, summary: 'bytes did not match the size or digest they were announced with' },
  AGC_ERR_UPSTREAM: { status: 502, summary: 'the upstream failed, answered an unexpected status or broke off mid-body' },
  AGC_ERR_UPSTREAM_TIMEOUT: { status: 504, summary: 'the upstream did not answer within the configured time' },
  AGC_ERR_STORE: { status: 500, summary: 'the content store could not read or write (disk full, permissions)' },
  AGC_ERR_SIGNATURE: { status: 502, summary: 'a signed file (InRelease, .sjson) is unsigned or its signature does not verify with the configured keyring' },
  AGC_ERR_CA: { status: 500, summary: 'the CA could not be created or loaded' },
  AGC_ERR_TLS_NAME: { status: 421, summary: 'a TLS client asked for a server name no host group serves' },
  AGC_ERR_USERDATA: { status: 400, summary: 'user-data given to `ca userdata --merge` cannot be used: too large, binary, not YAML, or a shape cloud-init rejects' },
  AGC_ERR_MANIFEST: { status: 400, summary: 'a seed manifest is invalid: the key and value at fault are named' },
  AGC_ERR_SEED: { status: 502, summary: 'a seed could not fetch or verify everything its manifest lists; nothing was written' },
  AGC_ERR_BUNDLE: { status: 422, summary: 'a bundle is malformed, truncated or tampered with (the object is named); nothing from it was imported' },
  AGC_ERR_MIRROR: { status: 422, summary: 'a mirror tree given to import is not one the appliance knows, or a file in it does not match its signed metadata; nothing from it was imported' },
  AGC_ERR_CORRUPT: { status: 500, summary: 'verify found stored blobs that no longer match their size or sha256' },
  AGC_ERR_BUSY: { status: 409, summary: 'another job holds the data directory (gc refuses to run beside an import)' },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface ErrorDetails {
  subject?: string;
  site?: string;
  path?: string;
  cause?: unknown;
}

export class AgcError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly subject: string | undefined;
  readonly site: string | undefined;
  readonly path: string | undefined;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AgcError';
    this.code = code;
    this.status = errorCodes[code].status;
    this.subject = details.subject;
    this.site = details.site;
    this.path = details.path;
  }
}

export function isAgcError(err: unknown, code?: ErrorCode): err is AgcError {
  return err instanceof AgcError && (code === undefined || err.code === code);
}

/** A short human reason for a value thrown by anything (used for one-line CLI failures). */
export function reasonOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
