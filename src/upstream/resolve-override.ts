import { isIP } from 'node:net';
import { AgcError } from '../errors.js';

export interface Destination {
  address: string;
  port?: number;
}

/** Parses `IP[:PORT]`, `[v6]:PORT` or a bare IPv6 address. */
export function parseDestination(value: string): Destination {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
  let address: string;
  let port: string | undefined;
  if (bracketed) [, address = '', port] = bracketed;
  else if (isIP(value) === 6) address = value;
  else [address = '', port] = value.split(':');
  if (isIP(address) === 0) throw new AgcError('AGC_ERR_CONFIG', `upstream-resolve: ${JSON.stringify(value)} is not IP[:PORT]`, { subject: value });
  if (port === undefined) return { address };
  const n = Number(port);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new AgcError('AGC_ERR_CONFIG', `upstream-resolve: bad port in ${JSON.stringify(value)}`, { subject: value });
  return { address, port: n };
}

/** `HOST=IP[:PORT]` from the command line. */
export function parseResolveFlag(flag: string): [string, string] {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw new AgcError('AGC_ERR_CONFIG', `--upstream-resolve ${JSON.stringify(flag)}: expected HOST=IP[:PORT]`, { subject: flag });
  const host = flag.slice(0, eq).toLowerCase();
  const dest = flag.slice(eq + 1);
  parseDestination(dest);
  return [host, dest];
}

export function destinationMap(entries: Readonly<Record<string, string>>): Map<string, Destination> {
  return new Map(Object.entries(entries).map(([host, dest]) => [host.toLowerCase(), parseDestination(dest)]));
}
