// The one part the appliance adds to multipart user-data: only the CA block, with the merge rule
// that appends it to whatever the admin's parts already trust.
import type { CertSummary } from '../tls/pem.js';
import { caDocument } from './ca-document.js';
import type { CaKey } from './ca-trust.js';
import type { NewPart } from './mime-write.js';

export const CA_PART_FILENAME = 'airgap-cache-ca.cfg';

export function caPart(cas: readonly CertSummary[], key: CaKey, takenNames: ReadonlySet<string> = new Set()): NewPart {
  let filename = CA_PART_FILENAME;
  for (let n = 2; takenNames.has(filename); n++) filename = `airgap-cache-ca-${n}.cfg`;
  const body = caDocument(cas, { key, appendMerge: true, comment: 'Added by airgap-cache: appends the appliance CA to the certificates the parts before it trust.' });
  return { contentType: 'text/cloud-config', filename, body };
}
