// An independent check of a merged cloud-config, run before it is printed: re-read it as cloud-init
// would and prove that every key of the admin's is unchanged, that every certificate they trusted is
// still trusted under the key the module reads, and that ours were added.
import { isDeepStrictEqual } from 'node:util';
import { certificatesIn, type CertSummary } from '../tls/pem.js';
import { caKeys } from './ca-trust.js';
import { AgcError } from '../errors.js';
import { parseYaml, toPlain } from './yaml-doc.js';

type Dict = Record<string, unknown>;

export function verifyPlainMerge(before: unknown, mergedText: string, added: readonly CertSummary[], what: string): void {
  const b = (before ?? {}) as Dict;
  const a = (toPlain(parseYaml(mergedText, 'the merged result'), 'the merged result') ?? {}) as Dict;
  const fail = (why: string): never => {
    throw new AgcError('AGC_ERR_USERDATA', `internal error: merging into ${what} would ${why}; nothing was printed`);
  };
  for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if ((caKeys as readonly string[]).includes(k)) continue;
    if (!isDeepStrictEqual(b[k], a[k])) fail(`change the key ${JSON.stringify(k)}`);
  }
  const block = a.ca_certs as Dict | undefined;
  const trusted = block?.trusted;
  if (!Array.isArray(trusted) || trusted.some((t) => typeof t !== 'string')) fail('not leave ca_certs.trusted a list of strings');
  const entries = trusted as string[];
  const have = new Set(entries.flatMap((t) => certificatesIn(t).map((c) => c.fingerprint256)));
  for (const ca of added) if (!have.has(ca.fingerprint256)) fail(`leave out ${ca.fingerprint256}`);
  for (const key of caKeys) {
    const old = b[key] as Dict | null | undefined;
    if (!old) continue;
    const oldTrusted = old.trusted;
    const oldEntries = typeof oldTrusted === 'string' ? [oldTrusted] : Array.isArray(oldTrusted) ? (oldTrusted as string[]) : [];
    for (const entry of oldEntries) {
      const certs = certificatesIn(entry);
      const kept = entries.includes(entry) || (certs.length > 0 && certs.every((c) => have.has(c.fingerprint256)));
      if (!kept) fail(`drop an entry of ${key}.trusted`);
    }
    const now = (key === 'ca-certs' && 'ca_certs' in b ? a['ca-certs'] : block) as Dict | undefined;
    for (const sub of Object.keys(old)) {
      if (sub === 'trusted') continue;
      if (!isDeepStrictEqual(old[sub], now?.[sub])) fail(`change ${key}.${sub}`);
    }
  }
  if (a['ca-certs'] && (a['ca-certs'] as Dict).trusted !== undefined) fail('leave certificates under ca-certs, which cloud-init ignores next to ca_certs');
}
