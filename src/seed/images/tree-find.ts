// Where the streams are in a directory handed to `import`: the directory itself when it holds
// streams/v1/index.sjson (sstream-mirror's OUTPUT_DIR), or directories below it that do (a web
// root with several streams, as the MAAS docs lay a local mirror out); dot-directories (.data/)
// are skipped. And the URL path each is served under on images.maas.io.
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { INDEX_PATH } from './signed-set.js';

export interface FoundStream {
  /** Absolute directory of the stream root. */
  dir: string;
}

export async function isStreamRoot(dir: string): Promise<boolean> {
  return stat(join(dir, INDEX_PATH)).then(
    (st) => st.isFile(),
    () => false,
  );
}

export async function findStreams(dir: string, maxDepth = 4): Promise<FoundStream[]> {
  const abs = resolve(dir);
  if (await isStreamRoot(abs)) return [{ dir: abs }];
  if (maxDepth === 0) return [];
  const entries = await readdir(abs, { withFileTypes: true }).catch(() => []);
  const found: FoundStream[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith('.') || !(e.isDirectory() || e.isSymbolicLink())) continue;
    found.push(...(await findStreams(join(abs, e.name), maxDepth - 1)));
  }
  return found;
}

/**
 * The path a stream is served under: from where it lies (…/ephemeral-v3/NAME, the MAAS docs'
 * layout), else from its MAAS content ids (com.ubuntu.maas:NAME:…); undefined when neither tells.
 */
export function streamPrefix(absDir: string, contentIds: readonly string[]): string | undefined {
  const fromDir = /\/(ephemeral-v\d+\/[^/]+)\/?$/.exec(absDir);
  if (fromDir) return `/${fromDir[1]}/`;
  const names = new Set(contentIds.map((id) => /^com\.ubuntu\.maas:([a-z0-9-]+):/.exec(id)?.[1]).filter((n) => n !== undefined));
  return names.size === 1 ? `/ephemeral-v3/${[...names][0]}/` : undefined;
}
