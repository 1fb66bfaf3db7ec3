// DNS over UDP: one datagram in, at most one datagram out. Nothing a client sends may throw out of
// the message handler, so a bad packet costs that packet and never the process.
import type { RemoteInfo, Socket } from 'node:dgram';
import type { Logger } from '../log.js';
import type { Responder } from './responder.js';

export function serveUdp(socket: Socket, responder: Responder, log: Logger): void {
  const send = (reply: Buffer, rinfo: RemoteInfo): void => {
    try {
      socket.send(reply, rinfo.port, rinfo.address);
    } catch (err) {
      // The socket closed while a forwarded answer was on its way.
      log.debug({ err }, 'UDP reply not sent');
    }
  };
  socket.on('message', (msg, rinfo) => {
    // Nothing can be sent back to port 0; such a packet is forged or broken.
    if (rinfo.port === 0) return;
    try {
      const outcome = responder.handle(msg, 'udp', rinfo.address);
      if (Buffer.isBuffer(outcome)) socket.send(outcome, rinfo.port, rinfo.address);
      else if (outcome) void outcome.then((reply) => send(reply, rinfo));
    } catch (err) {
      log.error({ err, from: rinfo.address }, 'unexpected error answering a UDP query');
    }
  });
  socket.on('error', (err) => log.warn({ err }, 'UDP socket error'));
}
