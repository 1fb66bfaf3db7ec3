// The CA a running `serve` signs with, picked up again after `ca rotate` without a restart: the
// certificate file is looked at (a stat) at most once a second, and a changed one is loaded with
// its key. A half-finished rotation (new certificate, old key) fails loadCa's pairing check; the
// old CA stays in use and the next look tries again.
import { statSync } from 'node:fs';
import type { Logger } from '../log.js';
import { caFiles, loadCa, type Ca } from './ca.js';

export class CurrentCa {
  private ca: Ca;
  private stamp: string;
  private checkedAt = 0;

  constructor(
    private readonly certsDir: string,
    initial: Ca,
    private readonly log?: Logger,
    private readonly everyMs = 1_000,
  ) {
    this.ca = initial;
    this.stamp = this.fileStamp();
  }

  get(): Ca {
    const now = Date.now();
    if (now - this.checkedAt < this.everyMs) return this.ca;
    this.checkedAt = now;
    const stamp = this.fileStamp();
    if (stamp === this.stamp) return this.ca;
    try {
      const next = loadCa(this.certsDir);
      this.ca = next;
      this.stamp = stamp;
      this.log?.info({ fingerprint: next.fingerprint256, notAfter: next.notAfter.toISOString() }, 'the CA changed on disk; new leaf certificates are signed by it');
    } catch (err) {
      this.log?.warn({ err: (err as Error).message }, 'the CA changed on disk but cannot be loaded yet; still signing with the previous one');
    }
    return this.ca;
  }

  private fileStamp(): string {
    try {
      const st = statSync(caFiles(this.certsDir).cert);
      return `${st.ino}:${st.mtimeMs}:${st.size}`;
    } catch {
      return 'missing';
    }
  }
}
