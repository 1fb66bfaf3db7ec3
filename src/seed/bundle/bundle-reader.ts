// Reads a bundle once, front to back, and refuses anything that is not exactly what the format
// allows: the description and object list are checked before the first payload, every payload must
// be one the list expects (once, with the listed size), and the closing summary must match.
import { createHash } from 'node:crypto';
import { AgcError } from '../../errors.js';
import {
  BUNDLE_JSON,
  END_JSON,
  OBJECTS_NDJSON,
  blobOfEntry,
  bundleInfoSchema,
  bundleObjectSchema,
  endSchema,
  objectName,
  type BundleInfo,
  type BundleObject,
} from './format.js';
import { TarReader, TruncatedError, type TarEntry } from './tar-reader.js';

const MAX_INFO_BYTES = 64 << 20;
const MAX_OBJECTS_BYTES = 1 << 30;

export interface BundleHead {
  info: BundleInfo;
  objects: BundleObject[];
  /** sha256 -> the objects that name it (the first one names the blob in messages). */
  blobs: Map<string, BundleObject[]>;
}

export interface BlobEntry {
  sha256: string;
  size: number;
  objects: BundleObject[];
  body: AsyncGenerator<Buffer>;
}

export class BundleReader {
  private readonly tar: TarReader;
  private head: BundleHead | undefined;
  private infoSha = '';
  private readonly seen = new Set<string>();

  constructor(
    source: AsyncIterable<Buffer>,
    private readonly name: string,
  ) {
    this.tar = new TarReader(source);
  }

  get position(): number {
    return this.tar.position;
  }

  async readHead(): Promise<BundleHead> {
    const infoBuf = await this.expectEntry(BUNDLE_JSON, MAX_INFO_BYTES);
    this.infoSha = sha256(infoBuf);
    const info = this.parse(bundleInfoSchema, infoBuf.toString('utf8'), BUNDLE_JSON);
    const objectsBuf = await this.expectEntry(OBJECTS_NDJSON, MAX_OBJECTS_BYTES);
    if (sha256(objectsBuf) !== info.id) throw this.fail(`${OBJECTS_NDJSON} does not match the bundle id in ${BUNDLE_JSON}`);
    const objects = this.parseObjects(objectsBuf.toString('utf8'));
    if (objects.length !== info.objects) throw this.fail(`${BUNDLE_JSON} announces ${info.objects} objects, ${OBJECTS_NDJSON} lists ${objects.length}`);
    const blobs = new Map<string, BundleObject[]>();
    for (const o of objects) {
      const list = blobs.get(o.sha256);
      if (list && list[0]!.size !== o.size) throw this.fail(`${objectName(o)} and ${objectName(list[0]!)} share sha256 ${o.sha256} but not a size`);
      if (list) list.push(o);
      else blobs.set(o.sha256, [o]);
    }
    this.head = { info, objects, blobs };
    return this.head;
  }

  /** The next payload (its body must be consumed before the next call), or undefined after a verified end. */
  async nextBlob(): Promise<BlobEntry | undefined> {
    const head = this.head!;
    const entry = await this.nextEntry('a payload or ' + END_JSON);
    if (entry.name === END_JSON) {
      await this.checkEnd(entry, head);
      return undefined;
    }
    const sha = blobOfEntry(entry.name);
    if (sha === undefined) throw this.fail(`unexpected entry ${JSON.stringify(entry.name)}`);
    const objects = head.blobs.get(sha);
    if (!objects) throw this.fail(`payload ${entry.name} belongs to no listed object`);
    const first = objects[0]!;
    if (this.seen.has(sha)) throw this.fail(`${objectName(first)}: payload ${entry.name} appears twice`);
    this.seen.add(sha);
    if (entry.size !== first.size) throw this.fail(`${objectName(first)}: payload has ${entry.size} bytes, the object list says ${first.size}`);
    return { sha256: sha, size: entry.size, objects, body: this.guarded(first) };
  }

  /** Turns a cut-off body into an error that names the object. */
  private async *guarded(o: BundleObject): AsyncGenerator<Buffer> {
    try {
      yield* this.tar.body();
    } catch (err) {
      throw this.fail(`${objectName(o)}: ${(err as Error).message} (truncated bundle?)`, err);
    }
  }

  private async checkEnd(entry: TarEntry, head: BundleHead): Promise<void> {
    const end = this.parse(endSchema, (await this.body(entry, 1 << 20)).toString('utf8'), END_JSON);
    if (end.bundleJsonSha256 !== this.infoSha || end.objectsSha256 !== head.info.id) throw this.fail(`${END_JSON} does not match the bundle's description and object list`);
    const missing = [...head.blobs.keys()].filter((s) => !this.seen.has(s));
    if (missing.length > 0) throw this.fail(`${objectName(head.blobs.get(missing[0]!)![0]!)}: its payload is missing (${missing.length} missing in all)`);
    if (end.blobs !== this.seen.size || end.payloadBytes !== head.info.payloadBytes) throw this.fail(`${END_JSON} totals do not match the payloads read`);
    if ((await this.tar.next().catch((e: unknown) => this.rethrow(e))) !== undefined) throw this.fail(`an entry follows ${END_JSON}`);
    await this.tar.expectOnlyZeros().catch((e: unknown) => this.rethrow(e));
  }

  private async expectEntry(name: string, max: number): Promise<Buffer> {
    const entry = await this.nextEntry(name);
    if (entry.name !== name) throw this.fail(`expected ${name}, found ${JSON.stringify(entry.name)} (not an airgap-cache bundle, or a newer format?)`);
    return this.body(entry, max);
  }

  private async nextEntry(what: string): Promise<TarEntry> {
    const entry = await this.tar.next().catch((e: unknown) => this.rethrow(e));
    if (!entry) throw this.fail(`the archive ends where ${what} should be (truncated bundle?)`);
    if (entry.type !== 'file') throw this.fail(`entry ${JSON.stringify(entry.name)} is not a regular file (type ${JSON.stringify(entry.flag)})`);
    return entry;
  }

  private async body(entry: TarEntry, max: number): Promise<Buffer> {
    return this.tar.readBody(entry.size, max).catch((e: unknown) => this.rethrow(e, entry.name));
  }

  private parseObjects(text: string): BundleObject[] {
    const lines = text.split('\n');
    if (lines.pop() !== '') throw this.fail(`${OBJECTS_NDJSON} does not end with a newline`);
    const keys = new Set<string>();
    return lines.map((line, i) => {
      const o = this.parse(bundleObjectSchema, line, `${OBJECTS_NDJSON} line ${i + 1}`);
      const key = objectName(o);
      if (keys.has(key)) throw this.fail(`${key}: listed twice`);
      keys.add(key);
      return o;
    });
  }

  private parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, text: string, where: string): T {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw this.fail(`${where}: not valid JSON`);
    }
    const r = schema.safeParse(raw);
    if (r.success) return r.data;
    const issue = r.error.issues[0]!;
    const named = raw && typeof raw === 'object' && 'ns' in raw && 'path' in raw ? `${objectName(raw as { ns: string; path: string })} (${where})` : where;
    throw this.fail(`${named}: ${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`);
  }

  private rethrow(err: unknown, what?: string): never {
    if (err instanceof AgcError) throw err;
    const msg = (err as Error).message;
    throw this.fail(what ? `${what}: ${msg}` : err instanceof TruncatedError ? `${msg} (truncated bundle?)` : msg, err);
  }

  private fail(message: string, cause?: unknown): AgcError {
    return new AgcError('AGC_ERR_BUNDLE', `bundle ${this.name}: ${message}`, { subject: this.name, cause });
  }
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}
