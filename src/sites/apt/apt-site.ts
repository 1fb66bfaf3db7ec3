// archive.ubuntu.com, security.ubuntu.com, ports.ubuntu.com (spec apt-simplestreams.md A1–A4):
//   /…/dists/SUITE/{InRelease,Release,Release.gpg}   the signed root: revalidated online after a while
//   /…/dists/SUITE/…/by-hash/TYPE/HEX                 immutable: the bytes must have that hash
//   /…/dists/SUITE/<file the InRelease lists>         only the bytes the current InRelease lists; else 404
//   /…/pool/…                                          immutable, served as stored
// Nothing is rewritten: apt checks the signature and every hash itself.
import type { ObjectAnswer, Reply, Site, SiteAnswer, SiteContext, SiteRequest } from '../site.js';
import { currentRelease } from './current-release.js';
import { classifyAptPath } from './paths.js';
import { byHashPath, hashFields, type HashType, type Release, type ReleaseFile } from './release.js';

export const aptSite: Site = {
  name: 'apt',

  async answer(req: SiteRequest, ctx: SiteContext): Promise<SiteAnswer> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return { kind: 'reply', status: 405, headers: { allow: 'GET, HEAD', 'content-type': 'text/plain' }, body: 'Method Not Allowed\n' };
    }
    const base: ObjectAnswer = { kind: 'object', ns: req.group.namespace, path: req.path };
    const p = classifyAptPath(req.path);
    switch (p.kind) {
      case 'suite-meta':
        return { ...base, revalidateAfterMs: ctx.settings.aptMetadataMaxAgeMs };
      case 'by-hash':
        return byHashAnswer(base, p.suiteDir, p.type, p.hex, await currentRelease(ctx, base.ns, p.suiteDir));
      case 'index': {
        const release = await currentRelease(ctx, base.ns, p.suiteDir);
        const listed = release?.files.get(p.rel);
        if (!release || !listed?.hashes.SHA256) return base;
        const strongest = (['SHA512', 'SHA256'] as const).find((t) => release.hashTypes.includes(t) && listed.hashes[t]);
        return {
          ...base,
          expectedSize: listed.size,
          expectedSha256: listed.hashes.SHA256,
          aliases: byHashAliases(p.suiteDir, p.rel, listed.hashes, release),
          // Filled through the immutable by-hash URL, so a mirror mid-sync cannot tear it.
          upstreamPath: release.acquireByHash && strongest ? `${p.suiteDir}/${byHashPath(p.rel, strongest, listed.hashes[strongest]!)}` : undefined,
        };
      }
      default:
        return base;
    }
  },

  notFound(): Reply {
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found\n' };
  },
};

function byHashAnswer(base: ObjectAnswer, suiteDir: string, type: HashType, hex: string, release: Release | undefined): ObjectAnswer {
  const dir = base.path.slice(suiteDir.length + 1).replace(/by-hash\/[^/]+\/[^/]+$/, '');
  const listed = release && [...release.files.values()].find((f) => f.hashes[type] === hex && f.path.startsWith(dir) && !f.path.slice(dir.length).includes('/'));
  const digests = type === 'SHA256' ? undefined : { [hashFields[type]]: hex };
  if (!listed) return { ...base, ...(type === 'SHA256' ? { expectedSha256: hex } : { expectedDigests: digests! }) };
  // Filled once, the bytes answer every name the current Release gives them.
  const aliases = [`${suiteDir}/${listed.path}`, ...byHashAliases(suiteDir, listed.path, listed.hashes, release)].filter((a) => a !== base.path);
  return { ...base, expectedSha256: listed.hashes.SHA256 ?? (type === 'SHA256' ? hex : undefined), expectedSize: listed.size, ...(digests ? { expectedDigests: digests } : {}), aliases };
}

/** Every by-hash name the Release implies for one of its files. */
function byHashAliases(suiteDir: string, rel: string, hashes: ReleaseFile['hashes'], release: Release): string[] {
  if (!release.acquireByHash) return [];
  return release.hashTypes.flatMap((t) => (hashes[t] ? [`${suiteDir}/${byHashPath(rel, t, hashes[t]!)}`] : []));
}
