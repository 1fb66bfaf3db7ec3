import { describe, expect, it, vi } from 'vitest';
import { caStatus, formatStatus } from '../../src/cli/ca-status.js';
import { ensureCa } from '../../src/tls/ca.js';
import { rotateCa } from '../../src/tls/ca-rotation.js';
import { LeafIssuer } from '../../src/tls/leaf-issuer.js';
import { tempDir } from '../helpers/tmp.js';

// Real RSA keys, spawned CLIs and cloud-init runs: slow on a loaded two-core machine.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

describe('ca status', () => {
  it('shows subject, fingerprint, expiry, key mode, previous CAs and every leaf issued', () => {
    const dir = tempDir();
    const old = ensureCa(dir);
    const { current } = rotateCa(dir);
    const issuer = new LeafIssuer(current, dir);
    issuer.certificateFor('api.snapcraft.io');
    issuer.certificateFor('archive.ubuntu.com');
    const status = caStatus(dir);
    expect(status.keyMode).toBe('0600');
    const text = formatStatus(status, new Date());
    expect(text).toContain(`fingerprint: SHA-256 ${current.fingerprint256}`);
    expect(text).toMatch(/subject: {5}CN=airgap-cache CA \d{4}-\d\d-\d\d [0-9a-f]{8}, O=airgap-cache/);
    expect(text).toMatch(/valid: {7}\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d \(36[45]\d days left\)/);
    expect(text).toContain('Previous CAs, still in the user-data until `airgap-cache ca rotate --finish`:');
    expect(text).toContain(`fingerprint: SHA-256 ${old.fingerprint256}`);
    expect(text).toMatch(/Leaf certificates issued \(2\):\n {2}api\.snapcraft\.io +until \d{4}-\d\d-\d\d {2}signed by the current CA\n {2}archive\.ubuntu\.com/);
    expect(text).toContain('key ca.key mode 0600, never served');
  });

  it('flags an expired CA', () => {
    const dir = tempDir();
    ensureCa(dir);
    const inEleven = new Date(Date.now() + 11 * 365 * 86_400_000);
    expect(formatStatus(caStatus(dir), inEleven)).toMatch(/EXPIRED \d+ days ago/);
  });
});
