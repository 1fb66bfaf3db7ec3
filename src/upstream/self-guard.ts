// Refuses to connect upstream to the appliance itself. With no dns.forwarders, upstream names go
// through the system resolver, and on an appliance that is its own DNS client every served name
// resolves to an address the appliance advertises: a fill would fetch from itself, forever.
import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup as systemLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { AgcError } from '../errors.js';

export function refuseSelf(selfAddresses: readonly string[], lookup: LookupFunction = systemLookup as LookupFunction): LookupFunction {
  const self = new Set(selfAddresses.map((a) => a.toLowerCase()));
  if (self.size === 0) return lookup;
  return (hostname: string, options: LookupOptions, callback) => {
    lookup(hostname, { ...options, all: true }, (err, result) => {
      if (err) return callback(err, options.all ? [] : '', 0);
      const all = (Array.isArray(result) ? result : [{ address: result, family: 4 }]) as LookupAddress[];
      const looped = all.find((a) => self.has(a.address.toLowerCase()));
      if (looped) {
        const why = new AgcError('AGC_ERR_UPSTREAM', `upstream ${hostname} resolves to ${looped.address}, an address this appliance answers DNS with: it would fetch from itself. Set dns.forwarders to a real resolver, or reach the upstream with --upstream-resolve`, { subject: hostname });
        return callback(Object.assign(why, { errno: undefined, hostname }) as unknown as NodeJS.ErrnoException, options.all ? [] : '', 0);
      }
      if (options.all) callback(null, all);
      else callback(null, all[0]!.address, all[0]!.family);
    });
  };
}
