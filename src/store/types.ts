/** What the store keeps about one (namespace, path): everything a response needs but the bytes. */
export interface ObjectMeta {
  ns: string;
  path: string;
  sha256: string;
  size: number;
  contentType: string;
  /** Milliseconds since the epoch; sent as Last-Modified. */
  lastModified: number;
  etag: string;
  /** Further digests upstream published for these bytes (sha512, sha3-384, …), lowercase hex. */
  digests: Record<string, string>;
  /** Where the bytes came from: `fill`, `import:<bundle id>`, … */
  source: string;
  storedAt: number;
  /** When the bytes were fetched from upstream (ms); absent means `storedAt`. Decides which of two versions is newer on import. */
  fetchedAt?: number;
}

export type NewObject = Omit<ObjectMeta, 'etag' | 'storedAt'> & { etag?: string; storedAt?: number };

export interface BlobResult {
  sha256: string;
  size: number;
  /** Extra digests computed while writing, by algorithm name. */
  digests: Record<string, string>;
}
