// InRelease signatures are checked by the real gpgv against the configured keyrings, as apt does;
// only the text gpgv vouches for is ever parsed (never the bytes around the signed part).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { AgcError } from '../../errors.js';

/** Verifies a clear-signed document; returns the signed text. Throws AGC_ERR_SIGNATURE naming `subject`. */
export async function verifyClearsigned(doc: Buffer, keyrings: readonly string[], subject: string): Promise<string> {
  return (await gpgv(['--output', '-', '-'], doc, keyrings, subject)).toString('utf8');
}

/** Verifies a detached signature file over a data file (Release.gpg over Release). */
export async function verifyDetached(signatureFile: string, dataFile: string, keyrings: readonly string[], subject: string): Promise<void> {
  await gpgv([resolve(signatureFile), resolve(dataFile)], undefined, keyrings, subject);
}

function gpgv(extra: string[], input: Buffer | undefined, keyrings: readonly string[], subject: string): Promise<Buffer> {
  return new Promise((done, fail) => {
    // gpgv wants keyring paths with a slash, or it looks in its home directory instead.
    const args = keyrings.flatMap((k) => ['--keyring', resolve(k)]);
    const child = spawn('gpgv', [...args, ...extra], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => fail(new AgcError('AGC_ERR_SIGNATURE', `${subject}: cannot run gpgv (${e.message}); install the gpgv package`, { subject, cause: e })));
    child.on('close', (code) => {
      if (code === 0) return done(Buffer.concat(out));
      const why = err.split('\n').find((l) => /BAD signature|No public key|no signature found|not a detached|no valid OpenPGP/i.test(l)) ?? err.trim().split('\n').pop();
      fail(new AgcError('AGC_ERR_SIGNATURE', `${subject}: signature not valid with ${keyrings.join(', ')}: ${why?.replace(/^gpgv: /, '') ?? `gpgv exit ${code}`}`, { subject }));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
