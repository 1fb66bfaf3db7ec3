// A client that behaves like sstream-mirror / MAAS's image import (Ubuntu's simplestreams is not in
// Debian, spec B7), written apart from src/ so it checks the appliance rather than agreeing with
// it: it reads streams/v1/index.sjson over HTTP by the stream's real URL, runs the real
// `gpgv --keyring` on every metadata file (with an empty GNUPGHOME, so only the keyring vouches),
// parses only what gpgv outputs, walks products newest-version-first with sstream's filters and
// --max, downloads the chosen items concurrently and checks each one's sha256 and size. With
// `out` it also writes what sstream-mirror writes: the .sjson files verbatim and the items.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface ClientOptions {
  /** Stream root, e.g. http://images.maas.io/ephemeral-v3/stable/ */
  url: string;
  keyring: string;
  filters?: string[];
  max?: number;
  out?: string;
  /** Runs after all metadata is read and checked, before any item is asked for. */
  afterMetadata?: () => Promise<void>;
  /** Runs once per item when its first bytes have arrived (the download waits for it). */
  onFirstChunk?: (path: string) => Promise<void>;
  /** Downloads at once; default all (MAAS starts every selected file together). */
  concurrency?: number;
}

export interface ClientResult {
  metadata: string[];
  items: { path: string; sha256: string; size: number }[];
}

type Obj = Record<string, unknown>;

export async function sstreamClient(opts: ClientOptions): Promise<ClientResult> {
  const home = mkdtempSync(join(tmpdir(), 'agc-empty-gnupg-'));
  const signed = async (rel: string): Promise<Obj> => {
    const raw = await get(opts.url + rel);
    if (opts.out) save(join(opts.out, rel), raw);
    const r = spawnSync('gpgv', ['--keyring', opts.keyring, '--output', '-', '-'], { input: raw, env: { ...process.env, GNUPGHOME: home } });
    if (r.error) throw new Error(`gpgv cannot run: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`gpgv ... exit status ${r.status} for ${rel}: ${r.stderr.toString().trim()}`);
    return JSON.parse(r.stdout.toString('utf8')) as Obj;
  };
  const index = await signed('streams/v1/index.sjson');
  const metadata = ['streams/v1/index.sjson'];
  const filters = (opts.filters ?? []).map(filterOf);
  const chosen = new Map<string, { sha256: string; size: number }>();
  for (const entry of Object.values(index.index as Record<string, Obj>)) {
    const path = entry.path as string;
    const products = await signed(path);
    metadata.push(path);
    if (opts.out) save(join(opts.out, '.data', String(products.content_id)), Buffer.from('{}'));
    for (const [pname, p] of Object.entries(products.products as Record<string, Obj>)) {
      const versions = Object.keys((p.versions as Obj) ?? {}).sort().reverse().slice(0, opts.max ?? Infinity);
      for (const vname of versions) {
        const v = (p.versions as Record<string, Obj>)[vname]!;
        for (const [iname, item] of Object.entries((v.items as Record<string, Obj>) ?? {})) {
          const flat: Record<string, string> = { ...strings(products), ...strings(p), product_name: pname, ...strings(v), version_name: vname, ...strings(item), item_name: iname };
          if (flat.path && filters.every((f) => f(flat))) chosen.set(flat.path, { sha256: flat.sha256!, size: item.size as number });
        }
      }
    }
  }
  await opts.afterMetadata?.();
  const items = await limited(
    [...chosen].map(([path, want]) => async () => {
      const got = await download(opts.url + path, opts.onFirstChunk ? () => opts.onFirstChunk!(path) : undefined);
      const sha256 = createHash('sha256').update(got).digest('hex');
      if (got.length !== want.size) throw new Error(`${path}: InvalidChecksum: size ${got.length} != ${want.size}`);
      if (sha256 !== want.sha256) throw new Error(`${path}: InvalidChecksum: Invalid sha256 Checksum ${sha256}. Expected ${want.sha256}`);
      if (opts.out) save(join(opts.out, path), got);
      return { path, sha256, size: got.length };
    }),
    opts.concurrency ?? Infinity,
  );
  return { metadata, items };
}

async function limited<T>(jobs: (() => Promise<T>)[], n: number): Promise<T[]> {
  const out: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, jobs.length) }, worker));
  return out;
}

function strings(o: Obj): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

/** sstream's four forms; unanchored regex search; a missing key is "". */
function filterOf(text: string): (d: Record<string, string>) => boolean {
  const m = /^(\w+) *(!?)([=~]) *(.*)$/.exec(text);
  if (!m) throw new Error(`bad filter ${text}`);
  const [, key, not, op, value] = m as unknown as [string, string, string, string, string];
  const test = op === '=' ? (v: string) => v === value : (v: string) => new RegExp(value).test(v);
  return (d) => test(d[key] ?? '') !== (not === '!');
}

async function get(url: string): Promise<Buffer> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}${res.status === 404 ? ' (ENOENT)' : ''}`);
  return Buffer.from(await res.arrayBuffer());
}

async function download(url: string, onFirstChunk?: () => Promise<void>): Promise<Buffer> {
  const res = await fetch(url);
  if (res.status !== 200 || !res.body) throw new Error(`${url}: HTTP ${res.status}${res.status === 404 ? ' (ENOENT)' : ''}`);
  const chunks: Buffer[] = [];
  let first = true;
  for await (const chunk of res.body) {
    chunks.push(Buffer.from(chunk as Uint8Array));
    if (first && onFirstChunk) await onFirstChunk();
    first = false;
  }
  return Buffer.concat(chunks);
}

function save(file: string, body: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, body);
}
