// DNS as the status page shows it: queries per answer kind, the names the appliance answered
// itself (intercepted) and the names it refused (a hint of a service not configured yet), most asked
// first, in bounded memory.
import type { DnsAnswer, DnsQueryEvent } from '../dns/query-events.js';
import { TopCounter } from './top-counter.js';

export class DnsTally {
  readonly byAnswer = new Map<DnsAnswer, number>();
  readonly names: TopCounter<null>;
  readonly refused: TopCounter<null>;
  total = 0;

  constructor(capacity: number) {
    this.names = new TopCounter(capacity);
    this.refused = new TopCounter(capacity);
  }

  add(e: DnsQueryEvent): void {
    this.total++;
    this.byAnswer.set(e.answer, (this.byAnswer.get(e.answer) ?? 0) + 1);
    if (e.name === '') return;
    if (e.own) this.names.add(e.name, 0, null);
    else if (e.answer === 'refused') this.refused.add(e.name, 0, null);
  }
}
