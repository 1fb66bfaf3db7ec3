import { describe, expect, it } from 'vitest';
import { jujuCommands, maasHint, runningMachineHint, snapCertName } from '../../src/cloudinit/hints.js';
import { testCas } from './support/cas.js';

const { ours } = testCas();

describe('hints', () => {
  it('gives the MAAS deploy line with base64 user_data', () => {
    expect(maasHint().join('\n')).toContain('maas $PROFILE machine deploy $SYSTEM_ID user_data=$(base64 -w0 user-data.yaml)');
  });

  it('gives the juju model-config and add-model lines', () => {
    expect(jujuCommands('f.yaml')).toEqual(['juju model-config f.yaml', 'juju add-model MODEL --config f.yaml', 'juju bootstrap CLOUD CONTROLLER --config f.yaml']);
  });

  it('names the CA file and the snapd key after the CA, so a rotation adds instead of overwriting', () => {
    const name = snapCertName(ours);
    expect(name).toMatch(/^airgap-cache-[0-9a-f]{8}$/);
    const lines = runningMachineHint(ours, '10.0.0.5').join('\n');
    expect(lines).toContain(`curl -fsS http://10.0.0.5/airgap-cache/ca.crt | sudo tee /usr/local/share/ca-certificates/${name}.crt`);
    expect(lines).toContain(`sudo snap set system store-certs.${name}="$(curl -fsS http://10.0.0.5/airgap-cache/ca.crt)"`);
  });
});
