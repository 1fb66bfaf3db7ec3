// Which clients may use the forwarder: a list of CIDR blocks, IPv4 and IPv6. A client reaching a
// dual-stack socket as ::ffff:a.b.c.d is checked as the IPv4 address it is.
import { BlockList, isIP } from 'node:net';

export class NetworkList {
  private readonly list = new BlockList();

  /** `cidrs` are `address/prefix` or a bare address; the config schema has already checked them. */
  constructor(cidrs: readonly string[]) {
    for (const cidr of cidrs) {
      const [address = '', prefix] = cidr.split('/');
      const family = isIP(address);
      if (family === 0) throw new Error(`not an address: ${cidr}`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      this.list.addSubnet(address, prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix), type);
    }
  }

  contains(address: string): boolean {
    const bare = address.replace(/%.*$/, '');
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
    if (mapped) return this.list.check(mapped[1]!, 'ipv4');
    const family = isIP(bare);
    if (family === 0) return false;
    return this.list.check(bare, family === 4 ? 'ipv4' : 'ipv6');
  }
}
