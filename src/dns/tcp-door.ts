// DNS over TCP (RFC 7766): length-prefixed messages, several per connection, pipelined; a forwarded
// answer may overtake an earlier one (the IDs tell them apart). Idle connections are closed, and a
// connection with too many forwards in flight is paused until they finish.
import { createServer, type Server, type Socket } from 'node:net';
import type { Logger } from '../log.js';
import type { Responder } from './responder.js';
import { frame, FrameReader } from './tcp-frames.js';

export interface TcpDoorOptions {
  idleTimeoutMs: number;
  maxInFlight: number;
  maxConnections: number;
}

export const tcpDoorDefaults: TcpDoorOptions = { idleTimeoutMs: 10_000, maxInFlight: 16, maxConnections: 512 };

export function createTcpDoor(responder: Responder, log: Logger, opts: TcpDoorOptions = tcpDoorDefaults): { server: Server; closeAll(): void } {
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    serveConnection(socket, responder, log, opts);
  });
  server.maxConnections = opts.maxConnections;
  return {
    server,
    closeAll: () => {
      for (const s of sockets) s.destroy();
    },
  };
}

function serveConnection(socket: Socket, responder: Responder, log: Logger, opts: TcpDoorOptions): void {
  const frames = new FrameReader();
  const address = socket.remoteAddress ?? '';
  let inFlight = 0;
  let ended = false;
  const send = (reply: Buffer): void => {
    if (!socket.destroyed && socket.writable) socket.write(frame(reply));
  };
  const forwarded = (reply: Buffer): void => {
    send(reply);
    inFlight--;
    if (inFlight < opts.maxInFlight && socket.isPaused()) socket.resume();
    if (ended && inFlight === 0) socket.end();
  };
  socket.setTimeout(opts.idleTimeoutMs, () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    try {
      for (const msg of frames.push(chunk)) {
        const outcome = responder.handle(msg, 'tcp', address);
        if (outcome === undefined) {
          socket.destroy();
          return;
        }
        if (Buffer.isBuffer(outcome)) send(outcome);
        else {
          inFlight++;
          void outcome.then(forwarded);
        }
      }
      if (inFlight >= opts.maxInFlight) socket.pause();
    } catch (err) {
      log.error({ err, from: address }, 'unexpected error answering a TCP query');
      socket.destroy();
    }
  });
  socket.on('end', () => {
    ended = true;
    if (inFlight === 0) socket.end();
  });
  socket.on('error', (err) => log.debug({ err, from: address }, 'TCP client error'));
}
