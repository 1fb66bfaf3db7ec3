// What the admin does with the output next, printed on stderr so stdout stays exactly the file.
import type { CertSummary } from '../tls/pem.js';

export const MAAS_USER_DATA_FILE = 'user-data.yaml';
export const JUJU_CONFIG_FILE = 'airgap-cache-juju.yaml';

export function maasHint(file = MAAS_USER_DATA_FILE): string[] {
  return [
    `MAAS: save this as ${file}, then deploy with it (user_data@=FILE has been seen to arrive empty; pass it base64-encoded):`,
    `  maas $PROFILE machine deploy $SYSTEM_ID user_data=$(base64 -w0 ${file})`,
  ];
}

export function jujuCommands(file = JUJU_CONFIG_FILE): string[] {
  return [`juju model-config ${file}`, `juju add-model MODEL --config ${file}`, `juju bootstrap CLOUD CONTROLLER --config ${file}`];
}

/**
 * For machines that are already running (cloud-init's ca_certs ran once, at first boot). The file
 * is named after the CA, so installing the next CA during a rotation keeps the previous one.
 */
export function runningMachineHint(current: CertSummary, appliance = 'APPLIANCE'): string[] {
  const url = `http://${appliance}/airgap-cache/ca.crt`;
  const name = snapCertName(current);
  return [
    'Machines already running: install the CA into the system store (apt, curl, Python, Go):',
    `  curl -fsS ${url} | sudo tee /usr/local/share/ca-certificates/${name}.crt >/dev/null && sudo update-ca-certificates`,
    'and give it to snapd, which read the system store when it started:',
    `  sudo snap set system store-certs.${name}="$(curl -fsS ${url})"`,
  ];
}

/** snapd config keys allow [a-z0-9-]; one key per CA, so a rotation adds a key instead of overwriting one. */
export function snapCertName(ca: CertSummary): string {
  return `airgap-cache-${ca.fingerprint256.replace(/:/g, '').slice(0, 8).toLowerCase()}`;
}
