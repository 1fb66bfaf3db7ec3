// `airgap-cache ca userdata`: stdout is exactly the file to hand to MAAS, Juju or a cloud; every
// explanation goes to stderr, and on any error stdout stays empty.
import { checkInput } from '../cloudinit/input-guard.js';
import { jujuModelConfig, mergeJuju } from '../cloudinit/juju.js';
import { JUJU_CONFIG_FILE, jujuCommands, maasHint, runningMachineHint } from '../cloudinit/hints.js';
import { checkForMaas } from '../cloudinit/maas.js';
import { mergeUserData } from '../cloudinit/merge.js';
import { minimalUserData } from '../cloudinit/minimal.js';
import { readSource } from '../cloudinit/read-source.js';
import { caExists, ensureCa } from '../tls/ca.js';
import { trustedCas } from '../tls/trusted-cas.js';

export type Target = 'plain' | 'maas' | 'juju';
export const targets: readonly Target[] = ['plain', 'maas', 'juju'];

export interface UserDataResult {
  stdout: Buffer;
  stderr: string[];
}

export async function userDataCommand(certsDir: string, target: Target, merge: string | undefined): Promise<UserDataResult> {
  const name = merge === '-' ? 'stdin' : merge;
  // Size and binary checks come first: a wrong file is refused before a CA is made for it.
  const input = merge === undefined ? undefined : checkInput(await readSource(merge), name);
  const stderr: string[] = [];
  if (!caExists(certsDir)) stderr.push(`created a new CA in ${certsDir}`);
  ensureCa(certsDir);
  const cas = trustedCas(certsDir);
  if (cas.length > 1) stderr.push(`trusting ${cas.length} CAs: the current one and ${cas.length - 1} kept by \`ca rotate\` (drop them with \`ca rotate --finish\`)`);
  let stdout: Buffer;
  if (target === 'juju') {
    const out = input ? mergeJuju(input, cas, name!) : undefined;
    stdout = out?.output ?? Buffer.from(jujuModelConfig(cas));
    stderr.push(...(out?.notes ?? []), `Juju: save this as ${JUJU_CONFIG_FILE}, then one of:`, ...jujuCommands().map((c) => `  ${c}`));
  } else {
    const out = input ? mergeUserData(input, cas, name!) : undefined;
    stdout = out?.output ?? Buffer.from(minimalUserData(cas));
    stderr.push(...(out?.notes ?? []));
    if (target === 'maas') stderr.push(...checkForMaas(input?.bytes, stdout), ...maasHint());
  }
  stderr.push(...runningMachineHint(cas[0]!));
  return { stdout, stderr };
}
