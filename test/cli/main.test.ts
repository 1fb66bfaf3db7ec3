import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const all = ['serve', 'ca', 'seed', 'import', 'export', 'status', 'verify', 'gc'];

describe('airgap-cache', () => {
  it('--help lists every command, though each is loaded only when named', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    const listed = help.stdout.toString().split('Commands:')[1]!;
    for (const c of all) expect(listed).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
  });

  it('a named command runs with its own options; an unknown word is refused with a suggestion', async () => {
    const imp = await runCli(['import', '--help']);
    expect(imp.code).toBe(0);
    expect(imp.stdout.toString()).toContain('--charm-channel');
    const typo = await runCli(['imprt', 'x']);
    expect(typo.code).not.toBe(0);
    expect(typo.stderr).toMatch(/unknown command 'imprt'[\s\S]*Did you mean import\?/);
  });
});
