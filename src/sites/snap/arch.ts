// The architecture a request is about (spec §4): v2 endpoints send Snap-Device-Architecture,
// v1-level ones X-Ubuntu-Architecture; info and find also carry `architecture=` in the query.
import type { IncomingHttpHeaders } from 'node:http';
import { archName } from './records.js';

export function requestArch(headers: IncomingHttpHeaders, query?: URLSearchParams): string {
  const given = query?.get('architecture') ?? one(headers['snap-device-architecture']) ?? one(headers['x-ubuntu-architecture']);
  return given && archName.test(given) ? given : 'amd64';
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
