#!/usr/bin/env node
// Puts every file under DIR into a store as NS:PREFIX/relative/path (bench set-up, bypassing
// seeding so the benches measure serving only). Usage: put-objects.mjs DATA_DIR NS DIR PREFIX
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { openStore } from '../../dist/store/store.js';

const [dataDir, ns, dir, prefix = ''] = process.argv.slice(2);
if (!dataDir || !ns || !dir) {
  console.error('usage: put-objects.mjs DATA_DIR NS DIR [PREFIX]');
  process.exit(2);
}
const store = openStore({ dataDir, watchIntervalMs: 0 });
const walk = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
const entries = [];
for (const file of walk(dir)) {
  const w = store.createBlobWriter({ subject: file });
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), w);
  const blob = await w.result;
  entries.push({ ns, path: `${prefix}/${relative(dir, file)}`, sha256: blob.sha256, size: blob.size, contentType: 'application/octet-stream', lastModified: statSync(file).mtimeMs, digests: {}, source: 'bench' });
}
store.commit(entries);
store.close();
console.error(`put ${entries.length} objects into ${ns}`);
