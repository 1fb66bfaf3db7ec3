// The `fields` query of info and find (spec charmhub.md §3.1): dotted paths into the answer, which
// apply to every element of a list on the way (`channel-map.revision.bases.name`). Charmhub
// always returns type, id and name, and only the extras asked for.
type Tree = Map<string, Tree>;

function treeOf(fields: string[]): Tree {
  const root: Tree = new Map();
  for (const f of fields) {
    let t = root;
    for (const part of f.split('.').filter(Boolean)) {
      let next = t.get(part);
      if (!next) t.set(part, (next = new Map()));
      t = next;
    }
  }
  return root;
}

function pick(v: unknown, tree: Tree): unknown {
  if (tree.size === 0) return v;
  if (Array.isArray(v)) return v.map((x) => pick(x, tree));
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, sub] of tree) if ((v as Record<string, unknown>)[k] !== undefined) out[k] = pick((v as Record<string, unknown>)[k], sub);
  return out;
}

/** The fields asked for (comma list as sent), plus type, id and name. */
export function selectFields(doc: Record<string, unknown>, fields: string | null): Record<string, unknown> {
  const list = (fields ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return pick(doc, treeOf(['type', 'id', 'name', ...list])) as Record<string, unknown>;
}
