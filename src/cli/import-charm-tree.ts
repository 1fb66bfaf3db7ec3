// `airgap-cache import TARBALL|DIR` for charms admins already have: an Enterprise Store
// `store-admin export` of charms or a bundle, or `juju download` output. Imported by
// seed/charm/charm-import.ts; the report lists every charm, its channels, and what was not mapped.
import type { Config } from '../config/schema.js';
import { AgcError } from '../errors.js';
import type { Logger } from '../log.js';
import { importCharms, type CharmImportKind, type CharmImportSummary } from '../seed/charm/charm-import.js';
import { printOutcome, runImportJob } from './import-job.js';

export interface CharmTreeOptions {
  charmChannel?: string | undefined;
  charmBase?: string[] | undefined;
  charmId?: string[] | undefined;
}

/** --charm-id NAME=ID, repeatable. */
export function charmIds(values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const m = /^([a-z0-9][a-z0-9-]*)=([A-Za-z0-9]{32})$/.exec(v);
    if (!m) throw new AgcError('AGC_ERR_CONFIG', `--charm-id ${v}: expected NAME=ID with Charmhub's 32-character id`, { subject: v });
    out[m[1]!] = m[2]!;
  }
  return out;
}

export async function importCharmDir(kind: CharmImportKind, path: string, config: Readonly<Config>, opts: CharmTreeOptions, log: Logger): Promise<void> {
  const ids = charmIds(opts.charmId);
  const summary = await runImportJob(config, (store, progress) => importCharms({ store, source: path, kind, channel: opts.charmChannel, bases: opts.charmBase, ids, hostGroups: config.hostGroups, progress, log }));
  report(summary, kind, path);
}

function report(s: CharmImportSummary, kind: string, path: string): void {
  printOutcome(s, `${kind} ${path} (${s.id.slice(0, 12)})`, `imported ${kind} ${path} (${s.id.slice(0, 12)}): ${s.objects} objects`);
  for (const ch of s.charms) console.log(`  ${ch.type} ${ch.name} revision ${ch.revision} (id ${ch.id})${ch.channels.length > 0 ? ` on ${ch.channels.join(', ')}` : ''}`);
  console.log(`  payloads written ${s.blobsWritten}`);
  for (const n of s.notes) console.log(`  note: ${n}`);
  for (const u of s.unmapped) console.log(`  not imported: ${u}`);
}
