// The JSON Juju decodes, composed from records: a refresh result's `charm` entity and a
// ResourceRevision (spec charmhub.md §3.3, §3.4). Download URLs are absolute on the group's
// upstream name (api.charmhub.io), which resolves to the appliance; digests are those of the
// bytes the blob routes serve (rewritten oci-image documents included).
import type { SiteContext } from '../site.js';
import type { Ctx } from './catalog.js';
import { rewrittenResource } from './oci.js';
import { readRecord } from './read-record.js';
import { charmBlobPath, isResourceRecord, resourceBlobPath, resourcePath, type NameRecord, type ResourceRecord, type ResourceRef, type RevisionRecord } from './records.js';

export type ComposeCtx = Ctx & Pick<SiteContext, 'settings'>;

export async function composeResource(ctx: ComposeCtx, ns: string, base: string, id: string, rec: ResourceRecord): Promise<Record<string, unknown>> {
  const rewritten = await rewrittenResource(ctx, ns, id, rec);
  const download = rewritten?.download ?? rec.download;
  return { ...rec, download: { url: `${base}${resourceBlobPath(id, rec.name, rec.revision)}`, ...download } };
}

/** The resource revisions named, those that have records (others cannot be advertised). */
export async function composeResources(ctx: ComposeCtx, ns: string, base: string, id: string, refs: ResourceRef[]): Promise<Record<string, unknown>[]> {
  const out = [];
  for (const ref of refs) {
    const rec = await readRecord(ctx, ns, resourcePath(id, ref.name, ref.revision), isResourceRecord);
    if (rec) out.push(await composeResource(ctx, ns, base, id, rec));
  }
  return out;
}

const entityFields = ['summary', 'license', 'publisher', 'description', 'title'] as const;

export async function composeEntity(ctx: ComposeCtx, ns: string, base: string, name: NameRecord, rev: RevisionRecord, resources: ResourceRef[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { type: name.type, id: name.id, name: name.name };
  for (const k of entityFields) if (name.result[k] !== undefined) out[k] = name.result[k];
  const fields: Partial<RevisionRecord> = { ...rev };
  delete fields.resources;
  Object.assign(out, fields);
  out.download = { url: `${base}${charmBlobPath(name.id, rev.revision)}`, ...rev.download };
  out.resources = await composeResources(ctx, ns, base, name.id, resources);
  return out;
}
