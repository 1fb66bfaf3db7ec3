// The packages a fresh machine needs for the requested names and priorities, as apt would choose
// them: the newest version across the suite's pockets, Depends and Pre-Depends (and Recommends,
// which apt installs by default), the first satisfiable alternative, virtual packages through
// Provides, versioned constraints honoured.
import type { Dep, PackageRecord } from './packages.js';
import { compareVersions, satisfies } from './version.js';

export interface ClosureRequest {
  names: string[];
  priorities: string[];
  recommends: boolean;
}

export interface ClosureResult {
  packages: PackageRecord[];
  /** Requested names, or dependencies, that nothing in the indices provides. */
  missing: string[];
}

export class PackageUniverse {
  private readonly byName = new Map<string, PackageRecord[]>();
  private readonly providers = new Map<string, PackageRecord[]>();

  constructor(records: Iterable<PackageRecord>) {
    for (const r of records) {
      push(this.byName, r.name, r);
      for (const p of r.provides) push(this.providers, p.name, r);
    }
    for (const list of this.byName.values()) list.sort((a, b) => compareVersions(b.version, a.version));
  }

  all(): PackageRecord[] {
    return [...this.byName.values()].flat();
  }

  /** The version apt would pick for a dependency, or undefined when nothing satisfies it. */
  pick(dep: Dep): PackageRecord | undefined {
    const real = (this.byName.get(dep.name) ?? []).find((r) => !dep.op || satisfies(r.version, dep.op, dep.version!));
    if (real) return real;
    if (dep.op) {
      const versioned = (this.providers.get(dep.name) ?? []).find((r) =>
        r.provides.some((p) => p.name === dep.name && p.version !== undefined && satisfies(p.version, dep.op!, dep.version!)),
      );
      return versioned;
    }
    const provider = this.providers.get(dep.name);
    return provider?.[0] ? this.newest(provider[0].name) : undefined;
  }

  newest(name: string): PackageRecord | undefined {
    return this.byName.get(name)?.[0];
  }

  byPriority(priorities: string[]): PackageRecord[] {
    const wanted = new Set(priorities.map((p) => p.toLowerCase()));
    return [...this.byName.values()].map((list) => list[0]!).filter((r) => wanted.has(r.priority));
  }
}

export function resolveClosure(universe: PackageUniverse, req: ClosureRequest): ClosureResult {
  const chosen = new Map<string, PackageRecord>();
  const chosenByName = new Map<string, PackageRecord[]>();
  const missing = new Set<string>();
  const queue: PackageRecord[] = [];
  const add = (r: PackageRecord): void => {
    const key = `${r.name}=${r.version}`;
    if (chosen.has(key)) return;
    chosen.set(key, r);
    push(chosenByName, r.name, r);
    for (const p of r.provides) push(chosenByName, p.name, r);
    queue.push(r);
  };
  const satisfied = (d: Dep): boolean =>
    (chosenByName.get(d.name) ?? []).some((c) => !d.op || (c.name === d.name ? satisfies(c.version, d.op, d.version!) : c.provides.some((p) => p.name === d.name && p.version !== undefined && satisfies(p.version, d.op!, d.version!))));
  for (const name of req.names) {
    const r = universe.pick({ name });
    if (r) add(r);
    else missing.add(name);
  }
  universe.byPriority(req.priorities).forEach(add);
  while (queue.length > 0) {
    const r = queue.shift()!;
    const relations = [...r.preDepends, ...r.depends, ...(req.recommends ? r.recommends : [])];
    for (const alts of relations) {
      if (alts.some(satisfied)) continue;
      const hit = alts.map((d) => universe.pick(d)).find((x) => x !== undefined);
      if (hit) add(hit);
      else if (!r.recommends.includes(alts)) missing.add(alts.map(describe).join(' | '));
    }
  }
  return { packages: [...chosen.values()], missing: [...missing].sort() };
}

function describe(d: Dep): string {
  return d.op ? `${d.name} (${d.op} ${d.version})` : d.name;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
