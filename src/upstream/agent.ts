// The only way out of the box: an undici dispatcher whose connector honours --upstream-resolve.
// TLS trust is Node's default roots plus NODE_EXTRA_CA_CERTS; no `ca` option ever replaces them.
import { Agent, buildConnector, interceptors, type Dispatcher } from 'undici';
import { destinationMap } from './resolve-override.js';
import { resolverLookup } from './resolver-lookup.js';
import { refuseSelf } from './self-guard.js';

export interface UpstreamAgentOptions {
  upstreamResolve: Readonly<Record<string, string>>;
  /** Resolvers to ask for upstream names (dns.forwarders); empty or absent: the system resolver. */
  resolvers?: readonly string[];
  /** Addresses the appliance answers DNS with: an upstream name resolving to one is refused (a loop). */
  selfAddresses?: readonly string[];
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

export function createUpstreamAgent(opts: UpstreamAgentOptions): Dispatcher {
  const overrides = destinationMap(opts.upstreamResolve);
  const named = opts.resolvers && opts.resolvers.length > 0 ? resolverLookup(opts.resolvers) : undefined;
  const lookup = opts.selfAddresses && opts.selfAddresses.length > 0 ? refuseSelf(opts.selfAddresses, named) : named;
  const base = buildConnector({ timeout: opts.connectTimeoutMs, ...(lookup ? { lookup } : {}) });
  const connect: buildConnector.connector = (options, callback) => {
    const dest = overrides.get(options.hostname.toLowerCase());
    if (!dest) return base(options, callback);
    // `host` still names the upstream, so SNI and certificate checks use its real name.
    return base({ ...options, hostname: dest.address, port: String(dest.port ?? options.port) }, callback);
  };
  return new Agent({
    connect,
    headersTimeout: opts.headersTimeoutMs,
    bodyTimeout: opts.bodyTimeoutMs,
  }).compose(interceptors.redirect({ maxRedirections: 5 }));
}
