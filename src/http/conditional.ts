// Validators: If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2); If-Range decides
// whether a Range applies. Dates compare at one-second resolution, as HTTP dates carry.
import type { IncomingHttpHeaders } from 'node:http';

export function notModified(headers: IncomingHttpHeaders, etag: string, lastModified: number): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) return inm.trim() === '*' || inm.split(',').some((t) => weakEqual(t.trim(), etag));
  const ims = headers['if-modified-since'];
  if (ims === undefined) return false;
  const t = Date.parse(ims);
  return !Number.isNaN(t) && Math.floor(lastModified / 1000) <= Math.floor(t / 1000);
}

export function rangeApplies(headers: IncomingHttpHeaders, etag: string, lastModified: number): boolean {
  const raw = headers['if-range'];
  const ifRange = Array.isArray(raw) ? raw[0] : raw;
  if (ifRange === undefined) return true;
  const v = ifRange.trim();
  if (v.startsWith('"') || v.startsWith('W/')) return v === etag;
  const t = Date.parse(v);
  return !Number.isNaN(t) && Math.floor(lastModified / 1000) === Math.floor(t / 1000);
}

function weakEqual(a: string, b: string): boolean {
  return a.replace(/^W\//, '') === b.replace(/^W\//, '');
}
