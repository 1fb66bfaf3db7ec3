// Global setup of the e2e project: refuse to run anywhere but inside the private loopback world,
// so a CI that could not make the world fails instead of quietly testing nothing (or the internet).
import { lookup } from 'node:dns/promises';
import { networkInterfaces } from 'node:os';

export default async function requireWorld(): Promise<void> {
  if (!process.env.AGC_WORLD) {
    throw new Error('e2e tests must run inside the test world: npm run test:e2e (test/e2e/enter-world.sh)');
  }
  const ifaces = Object.keys(networkInterfaces());
  if (ifaces.some((name) => name !== 'lo')) throw new Error(`e2e world has interfaces besides lo: ${ifaces.join(', ')}`);
  const { address } = await lookup('archive.ubuntu.com', { family: 4 });
  if (address !== '127.0.0.1') throw new Error(`archive.ubuntu.com resolves to ${address} in the world, expected 127.0.0.1`);
}
