// The snaps a charm installs, where the archive says so plainly — nothing is guessed from code:
//  - `refresh_versions.toml` (Canonical's data-platform charms): `[snap] name = "…"` with
//    `[snap.revisions]` pinning a revision per architecture (x86_64/aarch64 or Debian names);
//  - shell hooks (`hooks/install`, `dispatch`) with a literal `snap install NAME` line, with its
//    `--channel` or `--revision` when given.
// Charms that pick their snaps in Python (charms.operator_libs_linux snap.add …) are not read.
export const SNAP_HINT_FILES = ['refresh_versions.toml', 'hooks/install', 'dispatch'];

export interface NeededSnap {
  name: string;
  channel?: string | undefined;
  revision?: number | undefined;
  /** Architecture of a pinned revision, when the file pins one per architecture. */
  architecture?: string | undefined;
  /** The archive file that said so. */
  from: string;
}

const ARCH: Record<string, string> = { x86_64: 'amd64', aarch64: 'arm64', armv7l: 'armhf', ppc64le: 'ppc64el', s390x: 's390x', riscv64: 'riscv64' };

export function snapsNeeded(files: ReadonlyMap<string, string>): NeededSnap[] {
  const out: NeededSnap[] = [];
  const toml = files.get('refresh_versions.toml');
  if (toml !== undefined) out.push(...fromRefreshVersions(toml));
  for (const f of ['hooks/install', 'dispatch']) {
    const text = files.get(f);
    if (text !== undefined && text.startsWith('#!') && /\bsh\b|bash/.test(text.split('\n')[0]!)) out.push(...fromShell(text, f));
  }
  return out;
}

function fromRefreshVersions(text: string): NeededSnap[] {
  const tables = new Map<string, Map<string, string>>();
  let table = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    const head = /^\[([A-Za-z0-9_.-]+)\]$/.exec(line);
    if (head) {
      table = head[1]!;
      continue;
    }
    const kv = /^"?([A-Za-z0-9_-]+)"?\s*=\s*(?:"([^"]*)"|(\d+))$/.exec(line);
    if (kv) {
      if (!tables.has(table)) tables.set(table, new Map());
      tables.get(table)!.set(kv[1]!, kv[2] ?? kv[3]!);
    }
  }
  const name = tables.get('snap')?.get('name');
  if (!name) return [];
  const revs = [...(tables.get('snap.revisions') ?? [])].filter(([, v]) => /^\d+$/.test(v));
  if (revs.length === 0) return [{ name, from: 'refresh_versions.toml' }];
  return revs.map(([arch, rev]) => ({ name, revision: Number(rev), architecture: ARCH[arch] ?? arch, from: 'refresh_versions.toml' }));
}

function fromShell(text: string, from: string): NeededSnap[] {
  const out: NeededSnap[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(?:sudo\s+)?snap\s+install\s+(.+)$/.exec(line.replace(/\s#.*$/, ''));
    if (!m) continue;
    const words = m[1]!.trim().split(/\s+/);
    let channel: string | undefined;
    let revision: number | undefined;
    const names: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const opt = /^--(channel|revision)(?:=(.*))?$/.exec(w);
      if (opt) {
        const v = opt[2] ?? words[++i];
        if (opt[1] === 'channel') channel = v;
        else if (v && /^\d+$/.test(v)) revision = Number(v);
      } else if (/^[a-z0-9][a-z0-9-]*$/.test(w)) names.push(w);
      else if (!w.startsWith('-')) return out; // a variable or a path: not a plain name, not guessed
    }
    for (const name of names) out.push({ name, channel, revision, from });
  }
  return out;
}
