// One stream's signed metadata, read only through gpgv (spec apt-simplestreams.md B5): the index
// and every products file it lists must verify with the keyrings, and only the text gpgv returns
// is parsed. Seed, bundle import, mirror-tree import and status all read a stream this way.
import { access } from 'node:fs/promises';
import { AgcError, type ErrorCode } from '../../errors.js';
import { verifyClearsigned } from '../../sites/apt/signature.js';
import { parseIndex, parseProducts, type IndexEntry, type ProductsDoc, type StreamIndex } from '../../sites/images/stream-docs.js';

export const INDEX_PATH = 'streams/v1/index.sjson';

export interface SignedProducts {
  entry: IndexEntry;
  doc: ProductsDoc;
  text: string;
  /** The signed file exactly as read (what gpgv checked). */
  bytes: Buffer;
}

export interface SignedSet {
  index: StreamIndex;
  indexText: string;
  indexBytes: Buffer;
  products: SignedProducts[];
}

export interface ReadOptions {
  keyrings: readonly string[];
  /** The bytes of a file of the stream, by its path relative to the stream root. */
  read(rel: string): Promise<Buffer>;
  /** How a file is named in messages (its URL, store path or file). */
  name(rel: string): string;
  /** The code a malformed document is reported with. */
  code: ErrorCode;
}

export async function readSignedSet(opts: ReadOptions): Promise<SignedSet> {
  await checkKeyrings(opts.keyrings);
  const indexBytes = await opts.read(INDEX_PATH);
  const indexText = await verifyClearsigned(indexBytes, opts.keyrings, opts.name(INDEX_PATH));
  const index = parsed(() => parseIndex(indexText), INDEX_PATH, opts);
  const products = await Promise.all(
    index.entries.map(async (entry): Promise<SignedProducts> => {
      const bytes = await opts.read(entry.path);
      const text = await verifyClearsigned(bytes, opts.keyrings, opts.name(entry.path));
      const doc = parsed(() => parseProducts(text), entry.path, opts);
      if (doc.contentId !== entry.contentId) {
        throw new AgcError(opts.code, `${opts.name(entry.path)}: content_id ${doc.contentId} is not the ${entry.contentId} its index lists there`, { subject: opts.name(entry.path) });
      }
      return { entry, doc, text, bytes };
    }),
  );
  return { index, indexText, indexBytes, products };
}

export async function verifiedText(rel: string, opts: Pick<ReadOptions, 'keyrings' | 'read' | 'name'>): Promise<string> {
  return verifyClearsigned(await opts.read(rel), opts.keyrings, opts.name(rel));
}

/** A missing keyring makes gpgv say only "No public key": name the file and what to do instead. */
export async function checkKeyrings(keyrings: readonly string[]): Promise<void> {
  for (const k of keyrings) {
    const ok = await access(k).then(
      () => true,
      () => false,
    );
    if (!ok) {
      throw new AgcError('AGC_ERR_SIGNATURE', `keyring ${k} does not exist: install ubuntu-cloudimage-keyring, or name the binary keyring that signs the stream (manifest keyring:, images.keyrings in the config, --images-keyring)`, { subject: k });
    }
  }
}

function parsed<T>(fn: () => T, rel: string, opts: ReadOptions): T {
  try {
    return fn();
  } catch (err) {
    throw new AgcError(opts.code, `${opts.name(rel)}: ${(err as Error).message}`, { subject: opts.name(rel), cause: err });
  }
}
