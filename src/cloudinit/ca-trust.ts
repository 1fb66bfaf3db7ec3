// What a cloud-config says about CA trust, read the way cloud-init's ca_certs module reads it:
// `ca_certs` wins and `ca-certs` is ignored when both are present; `trusted` is a list of PEM
// strings (a lone string works at run time but fails the schema).
import { certificatesIn } from '../tls/pem.js';
import { userDataError } from './user-data-error.js';
import { typeName } from './yaml-doc.js';

export type CaKey = 'ca_certs' | 'ca-certs';
export const caKeys: readonly CaKey[] = ['ca_certs', 'ca-certs'];

export type TrustedShape = 'absent' | 'null' | 'string' | 'list';

export interface CaBlockView {
  key: CaKey;
  /** The block itself is `null` (`ca_certs:` with nothing after it). */
  blockIsNull: boolean;
  trusted: TrustedShape;
  /** Every certificate found in `trusted`, by SHA-256 fingerprint. */
  fingerprints: Set<string>;
}

/** The CA blocks of one parsed cloud-config; throws a one-line message for shapes cloud-init rejects. */
export function caBlocks(config: unknown, where: string): CaBlockView[] {
  if (config === null || config === undefined) return [];
  if (typeof config !== 'object' || Array.isArray(config)) {
    throw userDataError(`${where} is ${typeName(config)}, but a cloud-config must be a mapping of keys`);
  }
  const views: CaBlockView[] = [];
  for (const key of caKeys) {
    if (!(key in config)) continue;
    const block = (config as Record<string, unknown>)[key];
    if (block === null || block === undefined) {
      views.push({ key, blockIsNull: true, trusted: 'absent', fingerprints: new Set() });
      continue;
    }
    if (typeof block !== 'object' || Array.isArray(block)) throw userDataError(`${where}: \`${key}\` is ${typeName(block)}, expected a mapping with \`trusted:\``);
    const trusted = (block as Record<string, unknown>).trusted;
    views.push({ key, blockIsNull: false, trusted: shapeOf(trusted, `${where}: \`${key}.trusted\``), fingerprints: fingerprintsOf(trusted) });
  }
  return views;
}

/** The key cloud-init's module will read, if any. */
export function effectiveKey(views: readonly CaBlockView[]): CaKey | undefined {
  return views.find((v) => v.key === 'ca_certs')?.key ?? views[0]?.key;
}

function shapeOf(trusted: unknown, what: string): TrustedShape {
  if (trusted === undefined) return 'absent';
  if (trusted === null) return 'null';
  if (typeof trusted === 'string') return 'string';
  if (!Array.isArray(trusted)) throw userDataError(`${what} is ${typeName(trusted)}, expected a list of PEM certificates`);
  trusted.forEach((item, i) => {
    if (typeof item !== 'string') throw userDataError(`${what}[${i}] is ${typeName(item)}, expected a PEM certificate (a string)`);
  });
  return 'list';
}

function fingerprintsOf(trusted: unknown): Set<string> {
  const entries = typeof trusted === 'string' ? [trusted] : Array.isArray(trusted) ? trusted.filter((t): t is string => typeof t === 'string') : [];
  return new Set(entries.flatMap((e) => certificatesIn(e).map((c) => c.fingerprint256)));
}
