import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/** Fields that could carry a secret are censored wherever a log call puts them (one level deep). */
export const redactedPaths = ['token', 'password', 'authorization', 'cookie', 'key', 'privateKey', 'keyPem'].flatMap((k) => [k, `*.${k}`]).concat(['*.headers.authorization', '*.headers.cookie', 'config.admin.token']);

/** The one root logger a process makes; modules take `log.child({ mod })` from it. */
export function createRootLogger(level: LevelWithSilent, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { svc: 'airgap-cache' }, redact: { paths: redactedPaths, censor: '[redacted]' } }, destination ?? pino.destination({ fd: 2, sync: false }));
}

/** For tests and library use: a logger that writes nothing. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
