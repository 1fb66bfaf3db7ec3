import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { dnsSettings, parseForwarder } from '../../src/dns/settings.js';

const config = (yaml: string, overrides = {}) => parseConfig(yaml, 'test.yaml', overrides);

describe('dns settings', () => {
  it('advertises the listen address, or 127.0.0.1 for a wildcard listen, when advertise is empty', () => {
    expect(dnsSettings(config('listen: 10.0.0.5'))).toMatchObject({ ipv4: ['10.0.0.5'], ipv6: [] });
    expect(dnsSettings(config('listen: 0.0.0.0'))).toMatchObject({ ipv4: ['127.0.0.1'], ipv6: [] });
    expect(dnsSettings(config("listen: '::'"))).toMatchObject({ ipv4: ['127.0.0.1'], ipv6: [] });
    expect(dnsSettings(config("listen: 'fd00::5'"))).toMatchObject({ ipv4: [], ipv6: ['fd00::5'] });
  });

  it('splits advertise by family, canonical and without duplicates', () => {
    const s = dnsSettings(config('advertise: [192.0.2.1, "2001:DB8:0:0::1", 192.0.2.1, "::ffff:c000:0201"]'));
    expect(s.ipv4).toEqual(['192.0.2.1']);
    expect(s.ipv6).toEqual(['2001:db8::1', '::ffff:c000:201']);
  });

  it('rejects an advertise entry that is no address', () => {
    expect(() => dnsSettings(config('advertise: [appliance.example]'))).toThrow(/advertise: "appliance.example" is not an IPv4 or IPv6 address/);
  });

  it('parses forwarders with port 53 by default', () => {
    expect(parseForwarder('10.0.0.53')).toEqual({ address: '10.0.0.53', port: 53 });
    expect(parseForwarder('10.0.0.53:5353')).toEqual({ address: '10.0.0.53', port: 5353 });
    expect(parseForwarder('fd00::53')).toEqual({ address: 'fd00::53', port: 53 });
    expect(parseForwarder('[FD00:0::53]:5300')).toEqual({ address: 'fd00::53', port: 5300 });
    for (const bad of ['dns.example', '10.0.0.1:0', '10.0.0.1:99999', '[10.0.0.1]:53x']) expect(() => parseForwarder(bad)).toThrow(/dns.forwarders/);
    expect(dnsSettings(config('dns: {forwarders: ["10.1.1.1", "10.1.1.2:5353"]}')).forwarders).toEqual([
      { address: '10.1.1.1', port: 53 },
      { address: '10.1.1.2', port: 5353 },
    ]);
  });

  it('has schema defaults: 60 s, no forwarders (REFUSED), 2 s, private ranges and loopback', () => {
    const s = dnsSettings(config(''));
    expect(s).toMatchObject({ ttl: 60, forwarders: [], forwardTimeoutMs: 2000 });
    expect(s.allowedNetworks).toContain('127.0.0.0/8');
    expect(s.allowedNetworks).toContain('192.168.0.0/16');
    expect(s.allowedNetworks).toContain('fc00::/7');
  });

  it.each([
    ['dns: {ttl: -1}', 'dns.ttl'],
    ['dns: {ttl: 1.5}', 'dns.ttl'],
    ['dns: {forwarders: [dns.example]}', 'dns.forwarders.0: expected IP, IP:PORT or [IPv6]:PORT (got "dns.example")'],
    ['dns: {forwarders: ["10.0.0.1:70000"]}', 'dns.forwarders.0'],
    ['dns: {allowedNetworks: [10.0.0.0/33]}', 'dns.allowedNetworks.0: expected ADDRESS/PREFIX'],
    ['dns: {allowedNetworks: [everyone]}', 'dns.allowedNetworks.0'],
    ['dns: {forwardTimeoutMs: 0}', 'dns.forwardTimeoutMs'],
    ['dns: {resolver: 1.1.1.1}', 'dns: unknown key resolver'],
  ])('reports a bad dns key with its path: %s', (yaml, message) => {
    expect(() => config(yaml)).toThrow(message);
  });
});
