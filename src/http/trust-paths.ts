// The appliance's own answers under /airgap-cache/: the CA certificate and the minimal user-data,
// for `curl | sudo tee` on machines that are already running. Read from certsDir on every request,
// so after `ca rotate` machines can fetch the next CA before `serve` restarts and starts using it.
// Only certificates are read here; the key never is.
import { minimalUserData } from '../cloudinit/minimal.js';
import { AgcError } from '../errors.js';
import type { Reply } from '../sites/site.js';
import { trustedCas } from '../tls/trusted-cas.js';

export const CA_CERT_PATH = '/airgap-cache/ca.crt';
export const USER_DATA_PATH = '/airgap-cache/user-data';

export function trustPaths(certsDir: string): (path: string) => Reply | undefined {
  return (path) => {
    if (path !== CA_CERT_PATH && path !== USER_DATA_PATH) return undefined;
    let cas;
    try {
      cas = trustedCas(certsDir);
    } catch (cause) {
      throw new AgcError('AGC_ERR_CA', `cannot read the CA certificates in ${certsDir}`, { subject: path, cause });
    }
    if (path === CA_CERT_PATH) {
      return { status: 200, headers: { 'content-type': 'application/x-pem-file', 'cache-control': 'no-cache' }, body: cas[0]!.pem };
    }
    return { status: 200, headers: { 'content-type': 'text/cloud-config; charset=utf-8', 'cache-control': 'no-cache' }, body: minimalUserData(cas) };
  };
}
