// The body of POST /v2/charms/refresh as Juju sends it (spec charmhub.md §3.3): context, actions,
// fields, metrics. Checked enough that the answer can be composed; a malformed body is a 400
// error-list, as Charmhub answers (a top-level problem, not a per-action one).
import type { Base, ResourceRef } from './records.js';

export interface RefreshAction {
  action: string;
  'instance-key': string;
  id?: string;
  name?: string;
  channel?: string;
  revision?: number;
  base: Base | null;
  'resource-revisions'?: ResourceRef[];
}

export interface ContextEntry {
  'instance-key': string;
  id: string;
  revision: number;
  base: Base | null;
  'tracking-channel'?: string;
}

export interface RefreshRequest {
  context: ContextEntry[];
  actions: RefreshAction[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const optStr = (v: unknown) => v === undefined || v === null || typeof v === 'string';
const optInt = (v: unknown) => v === undefined || v === null || Number.isSafeInteger(v);

function base(v: unknown): Base | null | false {
  if (v === undefined || v === null) return null;
  if (!isObj(v) || typeof v.architecture !== 'string' || typeof v.name !== 'string' || typeof v.channel !== 'string') return false;
  return { architecture: v.architecture, name: v.name, channel: v.channel };
}

export function parseRefreshRequest(body: Buffer | undefined): { ok: true; request: RefreshRequest } | { ok: false; problem: string } {
  let doc: unknown;
  try {
    doc = JSON.parse((body ?? Buffer.alloc(0)).toString('utf8'));
  } catch {
    return { ok: false, problem: 'the request body is not JSON' };
  }
  if (!isObj(doc)) return { ok: false, problem: 'the request body is not a JSON object' };
  const actions: RefreshAction[] = [];
  const context: ContextEntry[] = [];
  if (!Array.isArray(doc.actions ?? [])) return { ok: false, problem: 'actions must be a list' };
  if (!Array.isArray(doc.context ?? [])) return { ok: false, problem: 'context must be a list' };
  for (const [i, a] of ((doc.actions ?? []) as unknown[]).entries()) {
    if (!isObj(a) || typeof a.action !== 'string' || typeof a['instance-key'] !== 'string') return { ok: false, problem: `actions[${i}] needs action and instance-key` };
    const b = base(a.base);
    if (b === false || !optStr(a.id) || !optStr(a.name) || !optStr(a.channel) || !optInt(a.revision)) return { ok: false, problem: `actions[${i}] has a field of the wrong type` };
    const rr = a['resource-revisions'];
    if (rr !== undefined && rr !== null && !(Array.isArray(rr) && rr.every((r) => isObj(r) && typeof r.name === 'string' && Number.isSafeInteger(r.revision)))) {
      return { ok: false, problem: `actions[${i}].resource-revisions must be a list of {name, revision}` };
    }
    const out: RefreshAction = { action: a.action, 'instance-key': a['instance-key'], base: b };
    if (typeof a.id === 'string' && a.id !== '') out.id = a.id;
    if (typeof a.name === 'string' && a.name !== '') out.name = a.name;
    if (typeof a.channel === 'string' && a.channel !== '') out.channel = a.channel;
    if (typeof a.revision === 'number') out.revision = a.revision;
    if (Array.isArray(rr)) out['resource-revisions'] = (rr as Obj[]).map((r) => ({ name: r.name as string, revision: r.revision as number }));
    actions.push(out);
  }
  for (const [i, c] of ((doc.context ?? []) as unknown[]).entries()) {
    const b = isObj(c) ? base(c.base) : false;
    if (!isObj(c) || typeof c['instance-key'] !== 'string' || typeof c.id !== 'string' || !optInt(c.revision) || b === false || !optStr(c['tracking-channel'])) {
      return { ok: false, problem: `context[${i}] needs instance-key, id, revision and base` };
    }
    const out: ContextEntry = { 'instance-key': c['instance-key'], id: c.id, revision: (c.revision as number | undefined) ?? 0, base: b };
    if (typeof c['tracking-channel'] === 'string') out['tracking-channel'] = c['tracking-channel'];
    context.push(out);
  }
  const keys = new Set(actions.map((a) => a['instance-key']));
  if (keys.size !== actions.length) return { ok: false, problem: 'instance-key values must be unique' };
  return { ok: true, request: { context, actions } };
}
