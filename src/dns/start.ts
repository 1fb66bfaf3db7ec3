// Starts the DNS responder for a configuration: answerer, forwarder (when forwarders are set) and
// the UDP and TCP doors. The only entry point the appliance uses.
import type { EventEmitter } from 'node:events';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { Answerer } from './answerer.js';
import { Forwarder } from './forwarder.js';
import { NetworkList } from './networks.js';
import { ForwardRateLimit } from './rate-limit.js';
import type { DnsEvents } from './query-events.js';
import { Responder } from './responder.js';
import { startDnsServer, type DnsServer } from './server.js';
import type { DnsSettings } from './settings.js';

export function createResponder(config: Readonly<Config>, settings: DnsSettings, log: Logger): { responder: Responder; forwarder: Forwarder | undefined } {
  const allowed = new NetworkList(settings.allowedNetworks);
  const forwarder = settings.forwarders.length > 0 ? new Forwarder(settings.forwarders, settings.forwardTimeoutMs, log) : undefined;
  const limit = new ForwardRateLimit({ perSecond: settings.forwardRateLimit, burst: settings.forwardBurst });
  const answerer = new Answerer({
    hostGroups: config.hostGroups,
    ipv4: settings.ipv4,
    ipv6: settings.ipv6,
    ttl: settings.ttl,
    forwarding: forwarder !== undefined,
    isAllowed: (address) => allowed.contains(address),
    ...(limit.enabled && { mayForward: (address: string) => limit.take(address) }),
  });
  return { responder: new Responder(answerer, forwarder, log), forwarder };
}

/** The running responder: its doors, and the events of every query it handles. */
export interface RunningDns extends DnsServer {
  events: EventEmitter<DnsEvents>;
}

export async function startDns(config: Readonly<Config>, settings: DnsSettings, log: Logger): Promise<RunningDns> {
  const { responder, forwarder } = createResponder(config, settings, log);
  let server: DnsServer;
  try {
    server = await startDnsServer(config.listen, config.ports.dns, responder, log);
  } catch (err) {
    await forwarder?.close();
    throw err;
  }
  if (config.advertise.length === 0 && (config.listen === '0.0.0.0' || config.listen === '::')) {
    log.warn('advertise is empty, so DNS answers 127.0.0.1: set advertise to this machine\'s address for other machines to use it');
  }
  log.info({ port: server.port, a: settings.ipv4, aaaa: settings.ipv6, forwarders: settings.forwarders.length }, 'DNS responder listening');
  return {
    port: server.port,
    events: responder,
    async close() {
      await server.close();
      await forwarder?.close();
    },
  };
}
