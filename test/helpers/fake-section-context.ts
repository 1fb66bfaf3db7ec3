// A SectionContext over a local static upstream: URLs on any host are fetched from it, checked
// against their expected size and digests, and written to a temporary file, like the seeder does.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostMatcher } from '../../src/config/host-groups.js';
import { configSchema } from '../../src/config/schema.js';
import { AgcError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import type { ComposedSpec, Fetched, FetchSpec, SectionContext } from '../../src/seed/sections/section.js';
import { targetOf } from '../../src/seed/target.js';

export function fakeSectionContext(port: number, dir: string): SectionContext & { fetched: string[] } {
  const matcher = new HostMatcher(configSchema.parse({}).hostGroups);
  const fetched: string[] = [];
  return {
    fetched,
    log: silentLogger(),
    target(url, key) {
      const t = targetOf(url, matcher);
      if ('problem' in t) throw new AgcError('AGC_ERR_MANIFEST', `${key}: ${url} ${t.problem}`);
      return t;
    },
    async api(call) {
      const u = new URL(call.url);
      const res = await fetch(`http://127.0.0.1:${port}${u.pathname}${u.search}`, { method: call.method, headers: call.headers, body: call.body });
      return { status: res.status, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) };
    },
    async put(spec: ComposedSpec) {
      const sha256 = createHash('sha256').update(spec.bytes).digest('hex');
      writeFileSync(join(dir, sha256), spec.bytes);
      return { ns: spec.ns, path: spec.path, sha256, size: spec.bytes.length, contentType: spec.contentType, lastModified: 1, fetchedAt: 2, digests: {} };
    },
    async fetch(spec: FetchSpec): Promise<Fetched> {
      const u = new URL(spec.url);
      const res = await fetch(`http://127.0.0.1:${port}${u.pathname}`);
      if (res.status === 404) throw new AgcError('AGC_ERR_NOT_FOUND', `${spec.url}: 404`);
      const body = Buffer.from(await res.arrayBuffer());
      const sha256 = createHash('sha256').update(body).digest('hex');
      const digests = Object.fromEntries(Object.keys(spec.expectedDigests ?? {}).map((alg) => [alg, createHash(alg).update(body).digest('hex')]));
      const badDigest = Object.entries(spec.expectedDigests ?? {}).some(([alg, want]) => digests[alg] !== want);
      if ((spec.expectedSha256 && spec.expectedSha256 !== sha256) || (spec.expectedSize !== undefined && spec.expectedSize !== body.length) || badDigest) {
        throw new AgcError('AGC_ERR_DIGEST_MISMATCH', `${spec.url}: digest mismatch`);
      }
      fetched.push(spec.url);
      const file = join(dir, sha256);
      writeFileSync(file, body);
      return {
        file,
        object: { ns: spec.ns, path: spec.path, sha256, size: body.length, contentType: 'application/octet-stream', lastModified: 1, fetchedAt: 2, digests, url: spec.url },
      };
    },
  };
}
