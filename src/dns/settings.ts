// What the responder needs from the configuration, checked and in wire-ready form: the advertised
// addresses split by family, and the forwarders as address and port.
import { isIP } from 'node:net';
import type { Config } from '../config/schema.js';
import { AgcError } from '../errors.js';
import type { ForwardServer } from './forwarder.js';

export interface DnsSettings {
  ipv4: string[];
  ipv6: string[];
  ttl: number;
  forwarders: ForwardServer[];
  forwardTimeoutMs: number;
  allowedNetworks: readonly string[];
  /** Forwarded queries per second per client (0: no limit), and the burst a quiet client may send. */
  forwardRateLimit: number;
  forwardBurst: number;
}

export function dnsSettings(config: Readonly<Config>): DnsSettings {
  const advertised = config.advertise.length > 0 ? config.advertise : [defaultAdvertise(config.listen)];
  const ipv4: string[] = [];
  const ipv6: string[] = [];
  for (const address of advertised) {
    const family = isIP(address);
    if (family === 4) ipv4.push(address);
    else if (family === 6) ipv6.push(canonicalIpv6(address));
    else throw new AgcError('AGC_ERR_CONFIG', `advertise: ${JSON.stringify(address)} is not an IPv4 or IPv6 address`, { subject: address });
  }
  return {
    ipv4: [...new Set(ipv4)],
    ipv6: [...new Set(ipv6)],
    ttl: config.dns.ttl,
    forwarders: config.dns.forwarders.map(parseForwarder),
    forwardTimeoutMs: config.dns.forwardTimeoutMs,
    allowedNetworks: config.dns.allowedNetworks,
    forwardRateLimit: config.dns.forwardRateLimit,
    forwardBurst: config.dns.forwardBurst,
  };
}

function defaultAdvertise(listen: string): string {
  return listen === '0.0.0.0' || listen === '::' ? '127.0.0.1' : listen;
}

/** `IP`, `IP:PORT`, `[IPv6]:PORT` or a bare IPv6 address; port 53 when none is given. */
export function parseForwarder(value: string): ForwardServer {
  const bracketed = /^\[([^\]]+)\]:(\d{1,5})$/.exec(value);
  let address = value;
  let port = '53';
  if (bracketed) [, address = '', port = ''] = bracketed;
  else if (isIP(value) === 0 && value.includes(':')) [address = '', port = ''] = value.split(':');
  const n = Number(port);
  if (isIP(address) === 0 || !Number.isInteger(n) || n < 1 || n > 65535) {
    throw new AgcError('AGC_ERR_CONFIG', `dns.forwarders: ${JSON.stringify(value)} is not IP, IP:PORT or [IPv6]:PORT`, { subject: value });
  }
  return { address: isIP(address) === 6 ? canonicalIpv6(address) : address, port: n };
}

/** The form the kernel reports a peer in (lower case, zeros compressed), so replies can be matched. */
function canonicalIpv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}
