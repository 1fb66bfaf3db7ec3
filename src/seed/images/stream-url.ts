// A stream as a manifest names it, resolved as simplestreams does (spec B1): a URL ending in
// streams/v1/<file>.sjson names its index; any other URL is the stream root, whose index is
// streams/v1/index.sjson. An unsigned (.json) index is refused: nothing could be verified.

export interface StreamLocation {
  /** The stream root, ending in `/`. */
  root: string;
  /** The index, relative to the root. */
  indexRel: string;
}

export function locateStream(url: string): StreamLocation {
  const m = /^(.*\/)(streams\/v1\/[^/]+\.(s?json))$/.exec(url);
  if (!m) return { root: url.endsWith('/') ? url : `${url}/`, indexRel: 'streams/v1/index.sjson' };
  if (m[3] === 'json') throw new Error(`${url} is an unsigned index; name the stream root or its .sjson index so every file can be verified`);
  return { root: m[1]!, indexRel: m[2]! };
}
