// A `lookup` for outbound connections that asks the configured resolvers (dns.forwarders) directly
// instead of the system resolver, which on the appliance may well be the appliance itself and would
// answer every upstream name with its own address.
import type { LookupAddress, LookupOptions } from 'node:dns';
import { Resolver } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';

const TRY_TIMEOUT_MS = 2_000;

export function resolverLookup(servers: readonly string[]): LookupFunction {
  const resolver = new Resolver({ timeout: TRY_TIMEOUT_MS, tries: 2 });
  resolver.setServers([...servers]);
  return (hostname: string, options: LookupOptions, callback) => {
    resolveAddresses(resolver, hostname, familyOf(options.family)).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, options.all ? [] : '', 0),
    );
  };
}

function familyOf(family: LookupOptions['family']): 0 | 4 | 6 {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

async function resolveAddresses(resolver: Resolver, hostname: string, family: 0 | 4 | 6): Promise<LookupAddress[]> {
  const literal = isIP(hostname);
  if (literal !== 0) return [{ address: hostname, family: literal }];
  const [v4, v6] = await Promise.allSettled([
    family === 6 ? Promise.resolve([]) : resolver.resolve4(hostname),
    family === 4 ? Promise.resolve([]) : resolver.resolve6(hostname),
  ]);
  const addresses = [
    ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4 })) : []),
    ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6 })) : []),
  ];
  if (addresses.length > 0) return addresses;
  const failure = [v4, v6].find((r): r is PromiseRejectedResult => r.status === 'rejected');
  throw failure ? (failure.reason as Error) : Object.assign(new Error(`queryA ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
}
