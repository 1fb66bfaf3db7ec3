import type { HostGroup } from './schema.js';

/** Finds the host group serving a name: exact names first, then the longest matching `*.suffix`. */
export class HostMatcher {
  private readonly exact = new Map<string, HostGroup>();
  private readonly suffixes: { suffix: string; group: HostGroup }[] = [];

  constructor(readonly groups: readonly HostGroup[]) {
    for (const group of groups) {
      for (const pattern of group.hosts) {
        if (pattern.startsWith('*.')) this.suffixes.push({ suffix: pattern.slice(1), group });
        else if (!this.exact.has(pattern)) this.exact.set(pattern, group);
      }
    }
    this.suffixes.sort((a, b) => b.suffix.length - a.suffix.length);
  }

  match(host: string): HostGroup | undefined {
    const name = normalizeHost(host);
    if (!isHostName(name)) return undefined;
    const exact = this.exact.get(name);
    if (exact) return exact;
    for (const { suffix, group } of this.suffixes) if (name.endsWith(suffix) && name.length > suffix.length) return group;
    return undefined;
  }

  /** Every exact name and wildcard pattern, for DNS and the status page. */
  patterns(): string[] {
    return this.groups.flatMap((g) => g.hosts);
  }
}

export function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Letters, digits and hyphens in dot-separated labels: anything else (slashes, NULs) never matches. */
export function isHostName(name: string): boolean {
  return name.length > 0 && name.length <= 253 && name.split('.').every((l) => label.test(l));
}
