// Everything seeded about one charm or bundle, read from its records: the name record and every
// channel record (base + channel → revision). Lists are small (a few channels × bases).
import type { SiteContext } from '../site.js';
import { readListed, readRecord } from './read-record.js';
import { channelOfPath, channelsPrefix, idPath, isChannelRecord, isIdRecord, isNameRecord, namePath, type Base, type ChannelRecord, type NameRecord } from './records.js';

export type Ctx = Pick<SiteContext, 'lookup' | 'read' | 'list'>;

export interface Release {
  base: Base;
  /** `track/risk[/branch]` as stored. */
  channel: string;
  record: ChannelRecord;
}

export const nameRecord = (ctx: Ctx, ns: string, name: string): Promise<NameRecord | undefined> => readRecord(ctx, ns, namePath(name), isNameRecord);

export async function nameOfId(ctx: Ctx, ns: string, id: string): Promise<NameRecord | undefined> {
  const rec = await readRecord(ctx, ns, idPath(id), isIdRecord);
  const name = rec ? await nameRecord(ctx, ns, rec.name) : undefined;
  return name?.id === id ? name : undefined;
}

export async function releasesOf(ctx: Ctx, ns: string, name: string): Promise<Release[]> {
  const out: Release[] = [];
  for (const meta of ctx.list?.(ns, channelsPrefix(name)) ?? []) {
    const where = channelOfPath(name, meta.path);
    const record = where ? await readListed(ctx, meta, isChannelRecord) : undefined;
    if (where && record) out.push({ ...where, record });
  }
  return out.sort((a, b) => a.channel.localeCompare(b.channel) || a.base.architecture.localeCompare(b.base.architecture) || a.base.channel.localeCompare(b.base.channel));
}
