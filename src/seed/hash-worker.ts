// sha256 on a second core for imports: one worker thread per process hashes every payload's
// chunks in order, while the main thread reads the bundle and writes blobs. Chunks backed by a
// SharedArrayBuffer (see read-ahead.ts) are hashed where they lie; others are copied over.
// Each hash keeps at most WINDOW chunks unacknowledged, so memory stays bounded.
import { Worker } from 'node:worker_threads';
import { holdChunk, releaseChunk } from '../store/chunk-loans.js';
import type { Sha256Hasher } from '../store/sha256-hasher.js';

const WINDOW = 8;

// Evaluated in the worker, so it runs the same from src/ (tests) and dist/; getBuiltinModule works
// whether the eval is taken as CommonJS or as a module (node --input-type=module).
const workerSource = `
const { parentPort } = process.getBuiltinModule('node:worker_threads');
const { createHash } = process.getBuiltinModule('node:crypto');
const hashes = new Map();
parentPort.on('message', (m) => {
  if (m.op === 'update') {
    let h = hashes.get(m.id);
    if (!h) hashes.set(m.id, (h = createHash('sha256')));
    h.update(new Uint8Array(m.buf, m.off, m.len));
    parentPort.postMessage({ op: 'ack', id: m.id });
  } else if (m.op === 'digest') {
    const h = hashes.get(m.id) ?? createHash('sha256');
    hashes.delete(m.id);
    parentPort.postMessage({ op: 'digest', id: m.id, hex: h.digest('hex') });
  } else if (m.op === 'drop') {
    hashes.delete(m.id);
  }
});
`;

interface Stream {
  /** Answers the worker still owes this stream: unacknowledged chunks, and the digest once asked. */
  owed: number;
  unacked: number;
  /** Shared chunks the worker has not acknowledged yet, oldest first: held until it has. */
  held: Buffer[];
  waiting: (() => void)[];
  digest: { resolve: (hex: string) => void; reject: (e: Error) => void } | undefined;
}

let worker: Worker | undefined;
let failure: Error | undefined;
let nextId = 0;
let busy = 0;
const streams = new Map<number, Stream>();

function theWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(workerSource, { eval: true });
  w.on('message', (m: { op: string; id: number; hex?: string }) => {
    const s = streams.get(m.id);
    if (!s) return;
    owe(s, -1);
    if (m.op === 'ack') {
      s.unacked -= 1;
      const done = s.held.shift();
      if (done) releaseChunk(done);
      if (s.unacked < WINDOW) release(s);
    } else if (m.op === 'digest') {
      streams.delete(m.id);
      s.digest?.resolve(m.hex!);
    }
  });
  w.on('error', (err) => {
    failure = err;
    for (const s of streams.values()) {
      release(s);
      releaseHeld(s);
      s.digest?.reject(err);
    }
    streams.clear();
    busy = 0;
    worker = undefined;
  });
  w.unref();
  worker = w;
  return w;
}

function release(s: Stream): void {
  for (const go of s.waiting.splice(0)) go();
}

// A dropped stream's chunks may still be in the worker's queue: whatever it then reads is never used.
function releaseHeld(s: Stream): void {
  for (const chunk of s.held.splice(0)) releaseChunk(chunk);
}

// The worker is referenced only while it owes an answer, so it never keeps a finished process alive.
function owe(s: Stream, n: number): void {
  s.owed += n;
  const before = busy;
  busy += n;
  if (before === 0 && busy > 0) worker?.ref();
  if (before > 0 && busy === 0) worker?.unref();
}

export function workerSha256(): Sha256Hasher {
  const w = theWorker();
  const id = nextId++;
  const s: Stream = { owed: 0, unacked: 0, held: [], waiting: [], digest: undefined };
  streams.set(id, s);
  return {
    update(chunk) {
      if (failure) return Promise.reject(failure);
      owe(s, 1);
      s.unacked += 1;
      if (chunk.buffer instanceof SharedArrayBuffer) {
        holdChunk(chunk);
        s.held.push(chunk);
        w.postMessage({ op: 'update', id, buf: chunk.buffer, off: chunk.byteOffset, len: chunk.length });
      } else {
        const copy = new Uint8Array(chunk);
        w.postMessage({ op: 'update', id, buf: copy.buffer, off: 0, len: copy.length }, [copy.buffer]);
      }
      if (s.unacked < WINDOW) return;
      return new Promise<void>((resolve) => s.waiting.push(resolve));
    },
    digest() {
      if (failure) return Promise.reject(failure);
      owe(s, 1);
      return new Promise<string>((resolve, reject) => {
        s.digest = { resolve, reject };
        w.postMessage({ op: 'digest', id });
      });
    },
    dispose() {
      if (!streams.delete(id)) return;
      owe(s, -s.owed);
      releaseHeld(s);
      w.postMessage({ op: 'drop', id });
    },
  };
}
