// The walk `status` makes over a store site's records (snaps and charms keep the same layout):
// every name record, then every channel record under that name, with where the channel's path
// says it applies. Records that do not parse are skipped, as the sites themselves skip them.
import { readFile } from 'node:fs/promises';
import type { Store } from '../store/store.js';
import type { ObjectMeta } from '../store/types.js';

export interface ChannelLayout<N, W, C> {
  namesPrefix: string;
  channelsPrefix(name: string): string;
  channelOfPath(name: string, path: string): W | undefined;
  isNameRecord(v: unknown): v is N;
  isChannelRecord(v: unknown): v is C;
}

export interface ChannelEntry<N, W, C> {
  name: N;
  where: W;
  channel: C;
}

export async function* channelRecords<N extends { name: string }, W, C>(store: Store, ns: string, layout: ChannelLayout<N, W, C>): AsyncGenerator<ChannelEntry<N, W, C>> {
  for (const meta of store.list(ns, layout.namesPrefix)) {
    const name = await storedJson(store, meta);
    if (!layout.isNameRecord(name)) continue;
    for (const c of store.list(ns, layout.channelsPrefix(name.name))) {
      const where = layout.channelOfPath(name.name, c.path);
      const channel = await storedJson(store, c);
      if (where !== undefined && layout.isChannelRecord(channel)) yield { name, where, channel };
    }
  }
}

/** A stored object parsed as JSON; undefined when it cannot be read or parsed. */
export async function storedJson(store: Store, meta: ObjectMeta): Promise<unknown> {
  try {
    return JSON.parse(await readFile(store.blobPath(meta.sha256), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}
