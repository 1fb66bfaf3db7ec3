// Upstream metrics (online mode), from the fill manager's events; the in-flight gauges are read at
// scrape time.
import { Counter, Gauge, type Registry } from 'prom-client';
import { AgcError } from '../errors.js';
import type { FillTally } from '../upstream/fill.js';

export function upstreamMetrics(registry: Registry, fills: FillTally): void {
  const registers = [registry];
  const fetches = new Counter({ name: 'airgap_cache_upstream_fetches_total', help: 'Upstream fetches started (one per object, however many clients wait)', labelNames: ['namespace'] as const, registers });
  const filled = new Counter({ name: 'airgap_cache_upstream_filled_total', help: 'Upstream fetches that completed, verified and were stored', labelNames: ['namespace'] as const, registers });
  const filledBytes = new Counter({ name: 'airgap_cache_upstream_filled_bytes_total', help: 'Bytes stored from upstream fetches', labelNames: ['namespace'] as const, registers });
  const absent = new Counter({ name: 'airgap_cache_upstream_absent_total', help: 'Upstream fetches answered 404 or 410', labelNames: ['namespace'] as const, registers });
  const failures = new Counter({
    name: 'airgap_cache_upstream_failures_total',
    help: 'Upstream fetches that failed (status, timeout, digest or size mismatch), by error code',
    labelNames: ['namespace', 'code'] as const,
    registers,
  });
  const joins = new Counter({ name: 'airgap_cache_fill_joins_total', help: 'Requests that joined a fill already in flight instead of fetching again (single flight)', registers });
  new Gauge({
    name: 'airgap_cache_fills_in_flight',
    help: 'Upstream fetches in progress',
    registers,
    collect() {
      this.set(fills.size);
    },
  });
  new Gauge({
    name: 'airgap_cache_fill_waiters',
    help: 'Clients waiting on the upstream fetches in progress (single-flight waiters, the first included)',
    registers,
    collect() {
      this.set(fills.waiting());
    },
  });
  fills.on('started', (r) => fetches.inc({ namespace: r.ns }));
  fills.on('joined', () => joins.inc());
  fills.on('finished', (r, meta) => {
    filled.inc({ namespace: r.ns });
    filledBytes.inc({ namespace: r.ns }, meta.size);
  });
  fills.on('absent', (r) => absent.inc({ namespace: r.ns }));
  fills.on('failed', (r, err) => failures.inc({ namespace: r.ns, code: err instanceof AgcError ? err.code : 'other' }));
}
