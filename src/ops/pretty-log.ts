// `--log-format pretty`: pino's JSON lines turned into short lines for a person at a terminal.
// A small formatter rather than pino-pretty: it knows our request line (method, host+path, status,
// cache result, size, time, client) and adds no dependency or transport worker to an appliance
// whose production logs are JSON anyway.
import { Writable } from 'node:stream';
import { formatBytes } from '../cli/progress-view.js';

const LEVELS: Record<number, [string, string]> = {
  10: ['TRACE', '\x1b[90m'],
  20: ['DEBUG', '\x1b[36m'],
  30: ['INFO ', '\x1b[32m'],
  40: ['WARN ', '\x1b[33m'],
  50: ['ERROR', '\x1b[31m'],
  60: ['FATAL', '\x1b[41m'],
};
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'svc', 'msg', 'mod']);
const REQUEST_FIELDS = new Set([...HIDDEN, 'reqId', 'client', 'method', 'host', 'url', 'group', 'status', 'bytes', 'cache', 'ms']);

export function formatLogLine(o: Record<string, unknown>, colors: boolean): string {
  const paint = (code: string, s: string): string => (colors ? `${code}${s}${RESET}` : s);
  const [name, color] = LEVELS[Number(o.level)] ?? ['?????', ''];
  const time = typeof o.time === 'number' ? new Date(o.time).toISOString().slice(11, 23) : '';
  const mod = typeof o.mod === 'string' ? o.mod.padEnd(6) : '      ';
  const head = `${paint(DIM, time)} ${paint(color, name)} ${paint(DIM, mod)}`;
  if (o.msg === 'request' && 'status' in o) {
    const status = Number(o.status);
    const statusText = paint(status >= 500 ? '\x1b[31m' : status >= 400 ? '\x1b[33m' : '\x1b[32m', String(status));
    const rest = [o.cache, formatBytes(Number(o.bytes ?? 0)), `${String(o.ms)}ms`, `<- ${String(o.client ?? '?')}`];
    return `${head} ${String(o.method)} ${String(o.host ?? '')}${String(o.url ?? '')} ${statusText} ${rest.join(' ')}${extras(o, REQUEST_FIELDS)}`;
  }
  return `${head} ${String(o.msg ?? '')}${extras(o, HIDDEN)}`;
}

function extras(o: Record<string, unknown>, skip: ReadonlySet<string>): string {
  const parts = Object.entries(o)
    .filter(([k, v]) => !skip.has(k) && v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' && !/\s|"/.test(v) ? v : JSON.stringify(v)}`);
  return parts.length === 0 ? '' : ` ${parts.join(' ')}`;
}

/** A pino destination that writes pretty lines to `out` (colours when it is a terminal). */
export function prettyDestination(out: NodeJS.WritableStream & { isTTY?: boolean }, colors = out.isTTY === true): Writable {
  let partial = '';
  return new Writable({
    write(chunk: Buffer | string, _enc, done) {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      let text = '';
      for (const line of lines) {
        if (line === '') continue;
        try {
          text += formatLogLine(JSON.parse(line) as Record<string, unknown>, colors) + '\n';
        } catch {
          text += line + '\n';
        }
      }
      if (text === '') done();
      else if (out.write(text)) done();
      else out.once('drain', () => done());
    },
  });
}
