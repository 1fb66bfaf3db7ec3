// The one place that decides what a miss means: sites never read the mode, they only supply their
// upstream-shaped "not here" answer.
import type { HostGroup } from '../config/schema.js';

export type Mode = 'offline' | 'online';

export type MissDecision = { action: 'not-found' } | { action: 'fill'; url: string };

export function decideMiss(mode: Mode, group: HostGroup, upstreamPath: string): MissDecision {
  if (mode === 'offline') return { action: 'not-found' };
  return { action: 'fill', url: upstreamUrl(group.upstream, upstreamPath) };
}

export type ApiDecision = { action: 'local' } | { action: 'upstream'; url: string };

/** An API call (a composed answer): offline the site answers from the store, online upstream is asked first. */
export function decideApi(mode: Mode, group: HostGroup, path: string, query: string): ApiDecision {
  if (mode === 'offline') return { action: 'local' };
  return { action: 'upstream', url: upstreamUrl(group.upstream, path) + (query ? `?${query}` : '') };
}

/** The upstream URL for a decoded store path: each segment re-encoded, `:` `+` `~` `@` kept. */
export function upstreamUrl(base: string, path: string): string {
  const encoded = path
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/%3A/gi, ':').replace(/%2B/gi, '+').replace(/%40/gi, '@'))
    .join('/');
  return base.replace(/\/$/, '') + encoded;
}
