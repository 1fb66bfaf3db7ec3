// A fill's bytes in memory, in aligned chunks shared by every client following it: the bytes
// arriving from upstream are copied in once, and a chunk that has gone by is read back from the
// file once for all the followers behind, instead of once per follower (a pread per follower per
// chunk, through the thread pool, is one of the three copies a herd costs; nginx's sendfile makes one).
//
// Bounded: a few chunks per fill, least recently used dropped first, and one budget for all fills of
// the process. A chunk is never written again once it holds bytes (a follower's socket may still hold
// a view of it): leaving the cache it is only dropped, and freed by the collector once the last
// socket flushed it. So what a socket was handed stays right however late it is flushed, and the
// memory beyond the cache is at most the one or two views a response holds at a time, as its own
// buffers would be.

const CHUNK_BYTES = 256 * 1024;
const CACHE_BYTES = 32 * 1024 * 1024;
/** All fills of the process together. */
const BUDGET_BYTES = 48 * 1024 * 1024;

let budgetUsed = 0;

interface Chunk {
  filled: number;
  buf: Buffer;
}

/** Reads `length` bytes at `pos` into `buf`; resolves how many it read. */
export type ReadInto = (buf: Buffer, pos: number, length: number) => Promise<number>;

export class SharedChunks {
  /** By chunk index, least recently used first. */
  private chunks = new Map<number, Chunk>();
  private readonly loading = new Map<number, Promise<Chunk | undefined>>();
  private held = 0;
  /** The offset after the last byte appended. */
  private end = 0;
  private users = 1;

  /** `size`, when known, keeps a small object's chunk small. */
  constructor(
    private readonly size?: number,
    private readonly chunkBytes = CHUNK_BYTES,
    private readonly cacheBytes = CACHE_BYTES,
  ) {}

  /** Bytes kept by every fill of the process (for tests and metrics). */
  static budgetUsed(): number {
    return budgetUsed;
  }

  /** The next bytes of the object from upstream, in order. */
  append(data: Buffer): void {
    let off = 0;
    while (off < data.length) {
      const index = Math.floor(this.end / this.chunkBytes);
      const within = this.end - index * this.chunkBytes;
      let chunk = this.chunks.get(index);
      if (!chunk && within === 0) chunk = this.newChunk(index);
      if (!chunk || chunk.filled !== within) {
        // No room within the budget (or a chunk that missed its start): these bytes stay on disk only.
        const skip = Math.min(data.length - off, this.chunkBytes - within);
        off += skip;
        this.end += skip;
        continue;
      }
      const n = data.copy(chunk.buf, within, off, off + Math.min(data.length - off, chunk.buf.length - within));
      chunk.filled += n;
      off += n;
      this.end += n;
    }
  }

  /**
   * A view of up to `max` bytes from `pos` (up to the end of one chunk) if they are in memory. The
   * view must not be written to.
   */
  slice(pos: number, max: number): Buffer | undefined {
    const index = Math.floor(pos / this.chunkBytes);
    const chunk = this.chunks.get(index);
    const from = pos - index * this.chunkBytes;
    if (!chunk || from >= chunk.filled) return undefined;
    this.touch(index, chunk);
    return chunk.buf.subarray(from, Math.min(chunk.filled, from + max));
  }

  /**
   * Like `slice`, but a whole chunk that has gone by (every byte of it below `readable`) is read
   * back from the file once for every follower asking for it; undefined when it cannot be kept.
   */
  async sliceOrLoad(pos: number, max: number, readable: number, read: ReadInto): Promise<Buffer | undefined> {
    const kept = this.slice(pos, max);
    if (kept) return kept;
    const index = Math.floor(pos / this.chunkBytes);
    const start = index * this.chunkBytes;
    const length = Math.min(this.chunkBytes, this.size === undefined ? Infinity : this.size - start);
    if (length <= 0 || start + length > readable) return undefined;
    let loading = this.loading.get(index);
    if (!loading) {
      loading = this.load(index, start, length, read).finally(() => this.loading.delete(index));
      this.loading.set(index, loading);
    }
    const chunk = await loading;
    if (!chunk) return undefined;
    const from = pos - start;
    return chunk.buf.subarray(from, Math.min(chunk.filled, from + max));
  }

  /** One more follower (the fill itself is the first); the memory lives until every one let go. */
  ref(): void {
    this.users++;
  }

  unref(): void {
    this.users--;
    if (this.users > 0) return;
    budgetUsed -= this.held;
    this.held = 0;
    this.chunks = new Map();
  }

  private async load(index: number, start: number, length: number, read: ReadInto): Promise<Chunk | undefined> {
    const chunk = this.newChunk(index, length);
    if (!chunk) return undefined;
    try {
      const n = await read(chunk.buf, start, length);
      if (n !== length) throw new Error(`fill file ended at byte ${start + n}, expected ${start + length}`);
      chunk.filled = n;
      return chunk;
    } catch (err) {
      this.drop(index);
      throw err;
    }
  }

  private newChunk(index: number, length?: number): Chunk | undefined {
    if (this.users <= 0) return undefined;
    const start = index * this.chunkBytes;
    const left = this.size === undefined || start >= this.size ? Infinity : this.size - start;
    const bytes = length ?? Math.min(this.chunkBytes, left);
    for (const oldest of this.chunks.keys()) {
      if (this.held + bytes <= this.cacheBytes && budgetUsed + bytes <= BUDGET_BYTES) break;
      this.drop(oldest);
    }
    if (budgetUsed + bytes > BUDGET_BYTES || this.held + bytes > this.cacheBytes) return undefined;
    const chunk = { filled: 0, buf: Buffer.allocUnsafe(bytes) };
    this.chunks.set(index, chunk);
    this.held += bytes;
    budgetUsed += bytes;
    return chunk;
  }

  private touch(index: number, chunk: Chunk): void {
    this.chunks.delete(index);
    this.chunks.set(index, chunk);
  }

  private drop(index: number): void {
    const chunk = this.chunks.get(index);
    if (!chunk) return;
    this.chunks.delete(index);
    this.held -= chunk.buf.length;
    budgetUsed -= chunk.buf.length;
  }
}
