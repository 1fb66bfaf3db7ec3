// Turns a request line and Host header into (host, path, query), for origin-form (`GET /x`) and
// absolute-form (`GET http://host/x`, explicit proxy use) alike. Paths are decoded exactly once and
// refused when they could mean something else on disk or upstream.
import { AgcError } from '../errors.js';

export interface RequestTarget {
  host: string;
  path: string;
  query: string;
  /** True when the client addressed us as a proxy (absolute-form). */
  absolute: boolean;
}

export function parseRequestTarget(url: string, hostHeader: string | undefined): RequestTarget {
  let rawPath: string;
  let host: string | undefined;
  let absolute = false;
  if (url.startsWith('/')) {
    rawPath = url;
    host = hostHeader;
  } else if (/^https?:\/\//i.test(url)) {
    absolute = true;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw bad(url, 'malformed absolute URL');
    }
    if (parsed.username || parsed.password) throw bad(url, 'user name or password in the request target');
    host = parsed.host;
    // RFC 9112 §3.2.2 lets the target win; a proxy that sees them disagree is being probed: refuse.
    if (hostHeader !== undefined && stripPort(hostHeader) !== stripPort(host)) throw bad(url, `Host header ${JSON.stringify(hostHeader)} disagrees with the target`);
    const at = url.indexOf('/', url.indexOf('//') + 2);
    rawPath = at === -1 ? '/' : url.slice(at);
  } else {
    throw bad(url, 'request target must be a path or an http(s) URL');
  }
  if (!host) throw bad(url, 'no Host header');
  const q = rawPath.indexOf('?');
  const query = q === -1 ? '' : rawPath.slice(q + 1);
  const pathPart = q === -1 ? rawPath : rawPath.slice(0, q);
  return { host: stripPort(host), path: decodePath(pathPart), query, absolute };
}

export function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return (colon === -1 ? host : host.slice(0, colon)).toLowerCase();
}

export function decodePath(raw: string): string {
  const hash = raw.indexOf('#');
  const p = hash === -1 ? raw : raw.slice(0, hash);
  if (/%2f|%5c|%00/i.test(p)) throw bad(raw, 'encoded slash, backslash or NUL in path');
  let decoded: string;
  try {
    decoded = decodeURIComponent(p);
  } catch {
    throw bad(raw, 'malformed percent-encoding');
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\x00-\x1f\x7f\\]/.test(decoded)) throw bad(raw, 'control character or backslash in path');
  const segments = decoded.split('/');
  if (segments.some((s) => s === '.' || s === '..')) throw bad(raw, 'dot segment in path');
  if (decoded.length > 4096) throw bad(raw, 'path longer than 4096 bytes');
  return decoded;
}

function bad(subject: string, why: string): AgcError {
  return new AgcError('AGC_ERR_BAD_PATH', `${why}: ${JSON.stringify(subject.slice(0, 200))}`, { subject: subject.slice(0, 200) });
}
