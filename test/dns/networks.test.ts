import { describe, expect, it } from 'vitest';
import { defaultAllowedNetworks } from '../../src/config/schema.js';
import { NetworkList } from '../../src/dns/networks.js';

describe('NetworkList', () => {
  const list = new NetworkList(defaultAllowedNetworks);

  it.each(['127.0.0.1', '10.200.1.1', '172.16.0.1', '172.31.255.255', '192.168.1.5', '169.254.3.4', '::1', 'fd12::1', 'fe80::1%eth0', '::ffff:10.0.0.7', '::FFFF:192.168.0.1'])(
    'allows %s by default',
    (a) => expect(list.contains(a)).toBe(true),
  );

  it.each(['8.8.8.8', '172.32.0.1', '192.169.0.1', '100.64.0.1', '2001:4860::8888', '::ffff:8.8.8.8', 'not-an-ip', ''])('refuses %s by default', (a) =>
    expect(list.contains(a)).toBe(false),
  );

  it('takes bare addresses as single hosts', () => {
    const one = new NetworkList(['203.0.113.5', '2001:db8::9']);
    expect(one.contains('203.0.113.5')).toBe(true);
    expect(one.contains('203.0.113.6')).toBe(false);
    expect(one.contains('2001:db8::9')).toBe(true);
  });

  it('allows nobody when empty', () => {
    expect(new NetworkList([]).contains('127.0.0.1')).toBe(false);
  });
});
