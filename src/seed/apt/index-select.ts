// Which files a Release lists that a seed must carry (issue 6): every index a client with these
// components, architectures and languages asks for, so `apt update` never meets a listed 404.
import type { ReleaseFile } from '../../sites/apt/release.js';

export interface IndexChoice {
  components: string[];
  architectures: string[];
  languages: string[];
  contents: boolean;
  sources: boolean;
}

export function selectIndexFiles(files: Iterable<ReleaseFile>, c: IndexChoice): ReleaseFile[] {
  const archs = new Set([...c.architectures, 'all']);
  const langs = new Set(c.languages);
  const compressed = '(\\.(gz|xz|bz2|lzma|zst))?';
  const rules: RegExp[] = [];
  for (const comp of c.components) {
    const p = escape(comp);
    for (const arch of archs) {
      const a = escape(arch);
      rules.push(new RegExp(`^${p}/binary-${a}/(Packages${compressed}|Release)$`));
      rules.push(new RegExp(`^${p}/cnf/Commands-${a}${compressed}$`));
      rules.push(new RegExp(`^${p}/dep11/Components-${a}\\.yml${compressed}$`));
    }
    rules.push(new RegExp(`^${p}/dep11/icons-\\d+x\\d+(@2)?\\.tar${compressed}$`));
    rules.push(new RegExp(`^${p}/i18n/Index$`));
    for (const lang of langs) rules.push(new RegExp(`^${p}/i18n/Translation-${escape(lang)}${compressed}$`));
    if (c.sources) rules.push(new RegExp(`^${p}/source/(Sources${compressed}|Release)$`));
  }
  if (c.contents) for (const arch of c.architectures) rules.push(new RegExp(`^Contents-${escape(arch)}${compressed}$`));
  return [...files].filter((f) => rules.some((r) => r.test(f.path)));
}

/** `main/binary-amd64/Packages.xz` -> `main/binary-amd64/Packages`: variants of one index share it. */
export function indexBase(path: string): string {
  return path.replace(/\.(gz|xz|bz2|lzma|zst)$/, '');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
