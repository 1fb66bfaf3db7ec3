// A suite's Release (the signed text of its InRelease): fields and the files it lists, with every
// hash type it gives (spec A1/A3: apt uses the strongest listed type for by-hash).
import { firstParagraph } from './deb822.js';

export const hashFields = { MD5Sum: 'md5', SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' } as const;
export type HashType = keyof typeof hashFields;

export interface ReleaseFile {
  path: string;
  size: number;
  /** By Release hash type name (MD5Sum, SHA1, SHA256, SHA512), lowercase hex. */
  hashes: Partial<Record<HashType, string>>;
}

export interface Release {
  fields: Map<string, string>;
  files: Map<string, ReleaseFile>;
  hashTypes: HashType[];
  acquireByHash: boolean;
  /** Release `Date`, ms since the epoch, when present and valid. */
  date: number | undefined;
  components: string[];
  architectures: string[];
}

export function parseRelease(text: string): Release {
  const fields = firstParagraph(text);
  const files = new Map<string, ReleaseFile>();
  const hashTypes: HashType[] = [];
  for (const type of Object.keys(hashFields) as HashType[]) {
    const block = fields.get(type.toLowerCase());
    if (block === undefined) continue;
    hashTypes.push(type);
    for (const line of block.split('\n')) {
      const parts = line.trim().split(/\s+/);
      if (parts.length !== 3) continue;
      const [hash, size, path] = parts as [string, string, string];
      if (!/^[0-9a-fA-F]+$/.test(hash) || !/^\d+$/.test(size)) continue;
      const f = files.get(path) ?? { path, size: Number(size), hashes: {} };
      f.hashes[type] = hash.toLowerCase();
      files.set(path, f);
    }
  }
  const date = fields.has('date') ? Date.parse(fields.get('date')!) : NaN;
  return {
    fields,
    files,
    hashTypes,
    acquireByHash: (fields.get('acquire-by-hash') ?? '').toLowerCase() === 'yes',
    date: Number.isNaN(date) ? undefined : date,
    components: (fields.get('components') ?? '').split(/\s+/).filter(Boolean),
    architectures: (fields.get('architectures') ?? '').split(/\s+/).filter(Boolean),
  };
}

/** `main/binary-amd64/Packages.xz` -> `main/binary-amd64/by-hash/SHA256/<hex>` */
export function byHashPath(path: string, type: HashType, hex: string): string {
  const slash = path.lastIndexOf('/');
  const dir = slash === -1 ? '' : path.slice(0, slash + 1);
  return `${dir}by-hash/${type}/${hex}`;
}
