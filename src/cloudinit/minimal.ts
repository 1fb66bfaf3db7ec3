import type { CertSummary } from '../tls/pem.js';
import { caDocument } from './ca-document.js';

/** The user-data `ca userdata` prints and the HTTP door serves: only the CA block. */
export function minimalUserData(cas: readonly CertSummary[]): string {
  return caDocument(cas, {
    comment: 'airgap-cache: trust the appliance CA at first boot. To add it to existing user-data: airgap-cache ca userdata --merge FILE',
  });
}
