// Juju takes cloud-config as the `cloudinit-userdata` model config value, and lets its keys
// override the ones Juju writes itself, so the value carries only the CA block (plus whatever
// the admin already had in it). The output is a model config YAML file.
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isScalar, Scalar, YAMLMap } from 'yaml';
import type { CertSummary } from '../tls/pem.js';
import { caDocument } from './ca-document.js';
import { detectFormat } from './detect.js';
import { jujuCommands } from './hints.js';
import type { UserDataInput } from './input-guard.js';
import type { MergeOutcome } from './merge.js';
import { mergePlain } from './plain-merge.js';
import { userDataError } from './user-data-error.js';
import { looksLikeYamlMapping, parseYaml, printOptions, toPlain, yamlOptions } from './yaml-doc.js';

const KEY = 'cloudinit-userdata';

export function jujuModelConfig(cas: readonly CertSummary[]): string {
  return render(freshDoc(), caDocument(cas, { header: false }));
}

/** Merges into a model config file that has `cloudinit-userdata`, or into a bare cloud-config body. */
export function mergeJuju(input: UserDataInput, cas: readonly CertSummary[], what: string): MergeOutcome {
  if (input.gzipped) throw userDataError(`${what} is gzip; Juju's ${KEY} takes plain cloud-config text`);
  const format = detectFormat(input.text);
  const isCloudConfig = format.kind === 'single' && format.contentType === 'text/cloud-config';
  if (!isCloudConfig && !(format.kind === 'unknown' && looksLikeYamlMapping(input.text))) {
    throw userDataError(`${what} is not cloud-config or a Juju model config; Juju's ${KEY} takes one cloud-config mapping (no MIME, scripts or templates)`);
  }
  const doc = parseYaml(input.text, what);
  const existing = isMap(doc.contents) ? doc.contents.get(KEY, true) : undefined;
  if (isCloudConfig || existing === undefined) {
    const r = mergePlain(input.text, cas, what);
    return outcome(render(freshDoc(), r.text), r.added, r.notes);
  }
  if (!isScalar(existing) || typeof existing.value !== 'string') throw userDataError(`${what}: ${KEY} must be a string holding cloud-config (write it as "${KEY}: |")`);
  const r = mergePlain(existing.value, cas, `${what} (${KEY})`);
  const before = toPlain(doc, what) as Record<string, unknown>;
  const text = render(doc, r.text);
  const after = toPlain(parseYaml(text, 'the merged model config'), what) as Record<string, unknown>;
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (k !== KEY && !isDeepStrictEqual(before[k], after[k])) throw userDataError(`internal error: merging into ${what} would change ${k}; nothing was printed`);
  }
  return outcome(text, r.added, r.notes);
}

function freshDoc(): Document {
  const doc = new Document(new YAMLMap(), yamlOptions);
  doc.commentBefore = [
    ' Juju model config: machines of the model trust the airgap-cache CA from their first boot.',
    ...jujuCommands().map((c) => `   ${c}`),
  ].join('\n');
  return doc;
}

function render(doc: Document, body: string): string {
  const value = new Scalar(body);
  value.type = Scalar.BLOCK_LITERAL;
  (doc.contents as YAMLMap).set(KEY, value);
  return doc.toString(printOptions);
}

function outcome(text: string, added: CertSummary[], notes: string[]): MergeOutcome {
  return { output: Buffer.from(text), added, notes, form: 'cloud-config' };
}
