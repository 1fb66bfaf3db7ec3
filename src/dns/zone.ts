// Which names the responder answers itself: the host groups' exact names and `*.suffix` wildcards,
// with the same outcome as HostMatcher (so DNS points a client at the appliance exactly when the
// HTTP doors would serve that host), plus NXDOMAIN for the rest of the namespace under an exact name.
import { isHostName } from '../config/host-groups.js';
import type { HostGroup } from '../config/schema.js';
import { HEADER_LEN } from './query.js';

export type Classification =
  /** The appliance serves this name. `apex` is the wire offset of the zone apex's first label. */
  | { kind: 'answer'; apex: number }
  /** Under an intercepted exact name but not itself served. */
  | { kind: 'nxdomain'; apex: number }
  /** None of ours: forward or refuse. */
  | { kind: 'outside' };

const OUTSIDE: Classification = { kind: 'outside' };

export class InterceptedZones {
  private readonly exact = new Set<string>();
  /** Wildcard suffixes without the leading "*.". */
  private readonly wildcard = new Set<string>();

  constructor(groups: readonly HostGroup[]) {
    for (const g of groups) {
      for (const h of g.hosts) {
        if (h.startsWith('*.')) this.wildcard.add(h.slice(2));
        else this.exact.add(h);
      }
    }
  }

  /**
   * `name` is lower case without the trailing dot; `labelOffsets` are the wire offsets of its labels
   * in a question that starts at byte 12, so label i starts at character labelOffsets[i] - 12.
   */
  classify(name: string, labelOffsets: readonly number[]): Classification {
    if (this.exact.has(name)) return { kind: 'answer', apex: HEADER_LEN };
    let underExact = -1;
    for (let i = 1; i < labelOffsets.length; i++) {
      const at = labelOffsets[i]!;
      const suffix = name.slice(at - HEADER_LEN);
      // The first hit is the longest suffix, the one HostMatcher picks too.
      if (this.wildcard.has(suffix)) return isHostName(name) ? { kind: 'answer', apex: at } : { kind: 'nxdomain', apex: at };
      if (underExact < 0 && this.exact.has(suffix)) underExact = at;
    }
    return underExact < 0 ? OUTSIDE : { kind: 'nxdomain', apex: underExact };
  }
}
