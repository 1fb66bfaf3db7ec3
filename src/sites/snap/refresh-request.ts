// The body of POST /v2/snaps/refresh (spec §5.1), read leniently: unknown fields are accepted and
// ignored, as the store does; only what an answer needs is checked.
import { z } from 'zod';

const assertionRef = z.looseObject({
  type: z.string(),
  'primary-key': z.array(z.string()).optional(),
  'sequence-key': z.array(z.string()).optional(),
  'if-newer-than': z.number().int().optional(),
});

const action = z.looseObject({
  action: z.string(),
  'instance-key': z.string().default(''),
  name: z.string().optional(),
  'snap-id': z.string().optional(),
  channel: z.string().optional(),
  revision: z.number().int().positive().optional(),
  key: z.string().optional(),
  assertions: z.array(assertionRef).optional(),
});

const current = z.looseObject({
  'snap-id': z.string(),
  'instance-key': z.string(),
  revision: z.number().int(),
  'tracking-channel': z.string().optional(),
});

const request = z.looseObject({
  context: z.array(current).nullish().transform((v) => v ?? []),
  actions: z.array(action).nullish().transform((v) => v ?? []),
  fields: z.array(z.string()).optional(),
  'assertion-max-formats': z.record(z.string(), z.number().int()).optional(),
});

export type RefreshRequest = z.infer<typeof request>;
export type RefreshAction = RefreshRequest['actions'][number];
export type CurrentSnap = RefreshRequest['context'][number];
export type AssertionRef = z.infer<typeof assertionRef>;

/** The parsed request, or the reason it is not one. */
export function parseRefreshRequest(body: Buffer | undefined): { ok: true; request: RefreshRequest } | { ok: false; problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse((body ?? Buffer.alloc(0)).toString('utf8'));
  } catch {
    return { ok: false, problem: 'the request body is not JSON' };
  }
  const r = request.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    return { ok: false, problem: `${i.path.join('.') || 'body'}: ${i.message}` };
  }
  return { ok: true, request: r.data };
}
