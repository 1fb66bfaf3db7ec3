// A value that is costly to compute (the store summary reads SQLite, InReleases and runs gpgv):
// computed once for everyone asking at the same time, then reused. `invalidate()` (a commit) makes
// the next read recompute, but never sooner than minAgeMs after the last one, so a burst of fills
// costs one recomputation; after maxAgeMs it is recomputed anyway (another process's import).

export class Cached<T> {
  private value: { at: number; promise: Promise<T> } | undefined;
  private dirty = false;

  constructor(
    private readonly compute: () => Promise<T>,
    private readonly minAgeMs: number,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    const t = this.now();
    const v = this.value;
    const age = v ? t - v.at : Infinity;
    if (v && age < this.maxAgeMs && !(this.dirty && age >= this.minAgeMs)) return v.promise;
    this.dirty = false;
    const promise = this.compute();
    const entry = { at: t, promise };
    this.value = entry;
    // A failed computation is not kept: the next reader tries again.
    promise.catch(() => {
      if (this.value === entry) this.value = undefined;
    });
    return promise;
  }

  invalidate(): void {
    this.dirty = true;
  }
}
