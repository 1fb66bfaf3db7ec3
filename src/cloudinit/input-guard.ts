// The admin's user-data arrives as bytes. Before anything parses it: a size cap (cloud platforms
// cap user-data far lower; MAAS and clouds take compressed data, and a pasted ISO is a mistake),
// gzip unwrapped under its own cap, and text that is really text.
import { gunzipSync } from 'node:zlib';
import { userDataError } from './user-data-error.js';

export const MAX_INPUT_BYTES = 1024 * 1024;
export const MAX_EXPANDED_BYTES = 4 * 1024 * 1024;

export interface UserDataInput {
  /** The bytes exactly as given. */
  raw: Buffer;
  /** What cloud-init reads: `raw`, gunzipped when it is gzip. */
  bytes: Buffer;
  /** `bytes` as UTF-8 text. */
  text: string;
  gzipped: boolean;
}

export function checkInput(raw: Buffer, name = 'the input'): UserDataInput {
  if (raw.length > MAX_INPUT_BYTES) {
    throw userDataError(`${name} is larger than ${megabytes(MAX_INPUT_BYTES)}; user-data that large is refused (gzip it, or check that this is the right file)`, name);
  }
  const gzipped = isGzip(raw);
  const bytes = gzipped ? gunzipBounded(raw, name) : raw;
  return { raw, bytes, text: decodeText(bytes, gzipped ? `${name} (after gunzip)` : name), gzipped };
}

export function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function gunzipBounded(bytes: Buffer, name: string): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_EXPANDED_BYTES });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw userDataError(`${name} expands to more than ${megabytes(MAX_EXPANDED_BYTES)} when gunzipped; refused`, name);
    throw userDataError(`${name} starts like gzip but does not decompress: ${(err as Error).message}`, name);
  }
}

/** UTF-8 text without NUL or other binary control bytes; otherwise a one-line refusal. */
export function decodeText(bytes: Buffer, name: string): string {
  let text: string;
  try {
    // ignoreBOM keeps a byte-order mark in the text, as Python's utf-8 codec does: cloud-init then fails to see the first line.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw userDataError(`${name} is binary, not UTF-8 text (user-data is YAML, MIME or a script; gzip is also accepted)`, name);
  }
  // eslint-disable-next-line no-control-regex -- exactly the bytes no text user-data contains
  if (/[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]/.test(text)) {
    throw userDataError(`${name} is binary: it contains control bytes no text user-data has`, name);
  }
  return text;
}

function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}
