// Reading response headers as undici hands them over (a value or a list of values per name).
export type ResponseHeaders = Record<string, string | string[] | undefined>;

export function header(h: ResponseHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

export function numberHeader(h: ResponseHeaders, name: string): number | undefined {
  const v = header(h, name);
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

export function dateHeader(h: ResponseHeaders, name: string): number | undefined {
  const v = header(h, name);
  const t = v === undefined ? NaN : Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

export interface ContentRange {
  start: number;
  end: number;
  total: number | undefined;
}

/** `bytes START-END/TOTAL` (TOTAL may be `*`); anything else is undefined. */
export function contentRange(h: ResponseHeaders): ContentRange | undefined {
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header(h, 'content-range') ?? '');
  if (!m) return undefined;
  return { start: Number(m[1]), end: Number(m[2]), total: m[3] === '*' ? undefined : Number(m[3]) };
}
