#!/usr/bin/env node
// Writes COUNT index entries (all pointing at one small blob) into a store, for the start-up bench.
// Usage: fill-index.mjs DATA_DIR COUNT
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openStore } from '../../dist/store/store.js';

const [dataDir, countArg] = process.argv.slice(2);
const count = Number(countArg);
const store = openStore({ dataDir, watchIntervalMs: 0 });
const w = store.createBlobWriter({ subject: 'bench' });
await pipeline(Readable.from([Buffer.from('x')]), w);
const { sha256 } = await w.result;
const batch = 50_000;
for (let i = 0; i < count; i += batch) {
  const list = [];
  for (let j = i; j < Math.min(count, i + batch); j++) {
    list.push({ ns: 'ubuntu-archive', path: `/ubuntu/pool/main/p/pkg${j}/pkg${j}_1.0_amd64.deb`, sha256, size: 1, contentType: 'application/vnd.debian.binary-package', lastModified: 0, digests: {}, source: 'bench' });
  }
  store.commit(list);
}
store.close();
console.error(`indexed ${count} objects`);
