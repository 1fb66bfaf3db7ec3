// Global setup of the e2e project: refuse to run anywhere but inside the private loopback world,
// so a CI that could not make the world fails instead of quietly testing nothing (or the internet).
import { readFileSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { networkInterfaces } from 'node:os';

export default async function requireWorld(): Promise<void> {
  if (!process.env.AGC_WORLD) {
    throw new Error('e2e tests must run inside the test world: npm run test:e2e (test/e2e/enter-world.sh)');
  }
  const ifaces = Object.keys(networkInterfaces());
  if (ifaces.some((name) => name !== 'lo')) throw new Error(`e2e world has interfaces besides lo: ${ifaces.join(', ')}`);
  // Names resolve only through the appliance's DNS (resolv.conf: 127.0.0.1), and no appliance runs
  // yet: an answer now would come from somewhere else.
  if (!/^nameserver 127\.0\.0\.1\s*$/m.test(readFileSync('/etc/resolv.conf', 'utf8'))) throw new Error('e2e world: resolv.conf does not name 127.0.0.1');
  if (/ubuntu\.com|maas\.io|snapcraft|charmhub/.test(readFileSync('/etc/hosts', 'utf8'))) throw new Error('e2e world: /etc/hosts maps upstream names');
  const leaked = await lookup('archive.ubuntu.com', { family: 4 }).then((r) => r.address, () => undefined);
  if (leaked !== undefined) throw new Error(`archive.ubuntu.com resolves to ${leaked} before any appliance runs: the world leaks`);
}
