// The catalog endpoints snapd polls once a day (spec §6.3, E7/E8): empty answers with the exact
// content types snapd checks, so its logs stay quiet. Device registration and sessions (E9/E10)
// cannot succeed without Canonical: they get a fast 4xx, never a 5xx snapd would retry.
import type { Reply } from '../site.js';
import { HAL_JSON_TYPE, jsonReply } from './json-reply.js';

export const sectionsReply = (): Reply => jsonReply(200, { _embedded: { 'clickindex:sections': [] } }, HAL_JSON_TYPE);
export const namesReply = (): Reply => jsonReply(200, { _embedded: { 'clickindex:package': [] } }, HAL_JSON_TYPE);
export const categoriesReply = (): Reply => jsonReply(200, { categories: [] });

export function deviceAuthReply(): Reply {
  const message = 'device registration and sessions need the real snap store; this cache answers without them';
  return jsonReply(403, { error_list: [{ code: 'offline', message }], 'error-list': [{ code: 'offline', message }] });
}
