#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { reasonOf } from '../errors.js';

type Register = (program: Command) => void;

// Each command's modules are loaded only when it runs: an import or a status should not first
// load the server, the seeders and every site (a third of a second before the first byte).
const commands: Record<string, () => Promise<Register>> = {
  serve: async () => (await import('./serve.js')).registerServe,
  ca: async () => (await import('./ca.js')).registerCa,
  seed: async () => (await import('./seed.js')).registerSeed,
  import: async () => (await import('./import.js')).registerImport,
  export: async () => (await import('./export.js')).registerExport,
  status: async () => (await import('./status.js')).registerStatus,
  verify: async () => (await import('./verify.js')).registerVerify,
  gc: async () => (await import('./gc.js')).registerGc,
};

const program = new Command('airgap-cache')
  .description('DNS, TLS and a seeded content cache for Ubuntu, MAAS, snapd and Juju with no internet')
  .version('0.1.0')
  .exitOverride()
  .showHelpAfterError();

try {
  // Help, a version or an unknown word needs every command registered, to list or suggest them.
  const named = Object.hasOwn(commands, process.argv[2] ?? '') ? [commands[process.argv[2]!]!] : Object.values(commands);
  for (const load of named) (await load())(program);
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  console.error(`airgap-cache: ${reasonOf(err)}`);
  process.exit(1);
}
