import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRootLogger } from '../../src/log.js';
import { formatLogLine, prettyDestination } from '../../src/ops/pretty-log.js';

const time = Date.UTC(2024, 3, 25, 7, 5, 9, 123);

describe('pretty log lines', () => {
  it('writes a request as one short line with its client', () => {
    const line = formatLogLine({ level: 30, time, mod: 'http', msg: 'request', reqId: '1', client: '10.0.0.5', method: 'GET', host: 'archive.ubuntu.com', url: '/ubuntu/dists/noble/InRelease', group: 'ubuntu-archive', status: 200, bytes: 2048, cache: 'hit', ms: 1.5 }, false);
    expect(line).toBe('07:05:09.123 INFO  http   GET archive.ubuntu.com/ubuntu/dists/noble/InRelease 200 hit 2.00 KiB 1.5ms <- 10.0.0.5');
  });

  it('writes other events with their fields, and colours only when asked', () => {
    const plain = formatLogLine({ level: 40, time, mod: 'fill', msg: 'upstream fill failed', ns: 'x', code: 'AGC_ERR_UPSTREAM', err: 'a b' }, false);
    expect(plain).toBe('07:05:09.123 WARN  fill   upstream fill failed ns=x code=AGC_ERR_UPSTREAM err="a b"');
    expect(formatLogLine({ level: 50, time, msg: 'x' }, true)).toContain('\x1b[31mERROR\x1b[0m');
  });

  it('is a pino destination: JSON in, pretty lines out, redaction kept', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    const log = createRootLogger('info', prettyDestination(out, false));
    log.child({ mod: 'admin' }).info({ token: 'hunter2hunter2hunter2' }, 'started');
    log.info('second');
    await new Promise((r) => setImmediate(r));
    expect(text.split('\n')).toEqual([expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}admin {2}started token=\[redacted\]$/), expect.stringMatching(/INFO  {8}second$/), '']);
  });
});
