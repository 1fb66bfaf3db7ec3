#!/usr/bin/env node
// test/ mirrors src/: every src/X/Y.ts has test/X/Y.test.ts, or is listed below with a reason.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const exceptions = new Map([
  ['src/sites/site.ts', 'types only'],
  ['src/store/types.ts', 'types only'],
  ['src/sites/registry.ts', 'a table; exercised by every http test'],
  ['src/cli/options.ts', 'flag plumbing; exercised by test/cli/serve.test.ts'],
]);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const missing = [];
for (const file of walk('src')) {
  const rel = relative('.', file);
  if (exceptions.has(rel)) continue;
  const mirror = rel.replace(/^src\//, 'test/').replace(/\.ts$/, '.test.ts');
  if (!existsSync(mirror)) missing.push(`${rel} -> ${mirror}`);
}
for (const rel of exceptions.keys()) if (!existsSync(rel)) missing.push(`stale exception: ${rel}`);
if (missing.length > 0) {
  console.error(`test mirror: ${missing.length} source file(s) without a test:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log('test mirror: every source file has its test (or a listed reason)');
