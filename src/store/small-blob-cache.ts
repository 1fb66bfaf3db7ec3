// Small objects (APT indices, simplestreams metadata, API answers) are asked for far more often
// than they change: keep their bytes in memory so a hit costs no file system call at all.
import { readFile } from 'node:fs/promises';
import { LRUCache } from 'lru-cache';

export class SmallBlobCache {
  private readonly cache: LRUCache<string, Buffer> | undefined;
  private readonly loading = new Map<string, Promise<Buffer>>();

  constructor(
    readonly maxObjectBytes: number,
    maxBytes: number,
  ) {
    this.cache = maxBytes > 0 && maxObjectBytes > 0 ? new LRUCache({ maxSize: maxBytes, sizeCalculation: (b) => Math.max(1, b.length) }) : undefined;
  }

  fits(size: number): boolean {
    return this.cache !== undefined && size <= this.maxObjectBytes;
  }

  get(sha256: string): Buffer | undefined {
    return this.cache?.get(sha256);
  }

  /** Reads the blob once, however many requests ask for it at the same time. */
  load(sha256: string, file: string): Promise<Buffer> {
    let p = this.loading.get(sha256);
    if (!p) {
      p = readFile(file).then(
        (buf) => {
          this.cache?.set(sha256, buf);
          this.loading.delete(sha256);
          return buf;
        },
        (err: unknown) => {
          this.loading.delete(sha256);
          throw err;
        },
      );
      this.loading.set(sha256, p);
    }
    return p;
  }
}
