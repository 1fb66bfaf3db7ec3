// --upstream-proxy: the seed's way out through a site's HTTP proxy. Plain-HTTP upstreams are asked
// in absolute form (GET http://host/path, which caching and URL-filtering proxies understand);
// HTTPS upstreams go through a CONNECT tunnel, so TLS is still checked against the upstream's name.
// Upstream names are resolved by the proxy; --upstream-resolve can only redirect the proxy's own name.
import { lookup as systemLookup, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { interceptors, ProxyAgent, type Dispatcher } from 'undici';
import { AgcError } from '../errors.js';
import { destinationMap } from './resolve-override.js';

export interface ProxyAgentOptions {
  proxyUrl: string;
  upstreamResolve: Readonly<Record<string, string>>;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

export function createProxyAgent(opts: ProxyAgentOptions): Dispatcher {
  let uri: URL;
  try {
    uri = new URL(opts.proxyUrl);
  } catch {
    throw new AgcError('AGC_ERR_CONFIG', `--upstream-proxy ${JSON.stringify(opts.proxyUrl)}: not a URL`, { subject: opts.proxyUrl });
  }
  if (uri.protocol !== 'http:' && uri.protocol !== 'https:') {
    throw new AgcError('AGC_ERR_CONFIG', `--upstream-proxy ${JSON.stringify(opts.proxyUrl)}: expected http://HOST:PORT or https://HOST:PORT`, { subject: opts.proxyUrl });
  }
  return new ProxyAgent({
    uri: uri.href,
    proxyTunnel: false,
    proxyTls: { timeout: opts.connectTimeoutMs, lookup: overridingLookup(opts.upstreamResolve) },
    headersTimeout: opts.headersTimeoutMs,
    bodyTimeout: opts.bodyTimeoutMs,
  }).compose(interceptors.redirect({ maxRedirections: 5 }));
}

/** Resolves the names given with --upstream-resolve to their address; everything else as usual. */
export function overridingLookup(entries: Readonly<Record<string, string>>): LookupFunction {
  const map = destinationMap(entries);
  return (hostname: string, options: LookupOptions, callback) => {
    const dest = map.get(hostname.toLowerCase());
    if (!dest) {
      systemLookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err || options.all) (callback as (e: typeof err, a: typeof addresses) => void)(err, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      });
      return;
    }
    const family = dest.address.includes(':') ? 6 : 4;
    if (options.all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: dest.address, family }]);
    else callback(null, dest.address, family);
  };
}
