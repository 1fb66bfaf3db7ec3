// The words for a full disk, wherever bytes are written (store blobs, seed downloads): which
// directory, how many bytes the write needs, and how many are free now, so the admin knows what to
// free. ENOSPC and EDQUOT (a quota) read the same to them.
import { statfsSync } from 'node:fs';

export function isDiskFull(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** `disk full in DIR: needs N bytes, F free`; `more than W bytes` or `more space` when the size is not known. */
export function diskFullMessage(dir: string, needed: number | undefined, written: number): string {
  const need = needed !== undefined && needed > 0 ? `needs ${needed} bytes` : written > 0 ? `needs more than ${written} bytes` : 'needs more space';
  const free = freeBytes(dir);
  return `disk full in ${dir}: ${need}${free === undefined ? '' : `, ${free} free`}`;
}

/** Bytes an unprivileged writer may still use under `dir`; undefined when that cannot be told. */
export function freeBytes(dir: string): number | undefined {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}
