#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { reasonOf } from '../errors.js';
import { registerCa } from './ca.js';
import { registerServe } from './serve.js';
import { registerSeed } from './seed.js';
import { registerImport } from './import.js';
import { registerExport } from './export.js';
import { registerStatus } from './status.js';
import { registerVerify } from './verify.js';
import { registerGc } from './gc.js';

const program = new Command('airgap-cache')
  .description('DNS, TLS and a seeded content cache for Ubuntu, MAAS, snapd and Juju with no internet')
  .version('0.1.0')
  .exitOverride()
  .showHelpAfterError();

registerServe(program);
registerCa(program);
registerSeed(program);
registerImport(program);
registerExport(program);
registerStatus(program);
registerVerify(program);
registerGc(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  console.error(`airgap-cache: ${reasonOf(err)}`);
  process.exit(1);
}
