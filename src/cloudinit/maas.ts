// MAAS sends its own netplan and apt settings as vendor-data. cloud-init's default merge lets a
// user-data `write_files` (or `runcmd`) replace MAAS's list instead of joining it, and the machine
// boots without /etc/netplan/50-maas.yaml. So for MAAS the appliance adds neither, ever, and warns
// when the admin's own user-data already has them.
import { cloudConfigKeys } from './cloud-config-keys.js';
import { userDataError } from './user-data-error.js';

const vendorListKeys = ['write_files', 'runcmd'] as const;

/** Throws when `output` sets write_files or runcmd that `input` did not; returns warnings for the admin's own. */
export function checkForMaas(input: Buffer | undefined, output: Buffer): string[] {
  const before = input ? cloudConfigKeys(input) : new Set<string>();
  const after = cloudConfigKeys(output);
  const added = vendorListKeys.filter((k) => after.has(k) && !before.has(k));
  if (added.length > 0) {
    throw userDataError(`refusing to add ${added.join(' and ')} to MAAS user-data: it would replace MAAS's vendor-data list and drop its netplan, breaking networking`);
  }
  return vendorListKeys
    .filter((k) => before.has(k))
    .map((k) => `warning: your user-data sets ${k}; with MAAS that replaces MAAS's own ${k} (for write_files: its netplan), unless a merge_how appends lists`);
}
