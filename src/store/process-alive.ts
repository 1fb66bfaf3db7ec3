// Whether a process named in a lock or a job file still runs: a stale one is taken over, a live one
// is waited for. A process of another user (EPERM) is alive too.
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
