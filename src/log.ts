import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/** The one root logger a process makes; modules take `log.child({ mod })` from it. */
export function createRootLogger(level: LevelWithSilent, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { svc: 'airgap-cache' } }, destination ?? pino.destination({ fd: 2, sync: false }));
}

/** For tests and library use: a logger that writes nothing. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
