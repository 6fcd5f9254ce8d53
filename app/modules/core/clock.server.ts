/**
 * The one clock of the server. Production reads the system time; tests move it with setClock
 * (vitest) and end-to-end runs may start the server with CLOCK_OFFSET_MS (refused in production).
 */
let fixed: Date | null = null;
let offsetMs =
  Number(process.env.NODE_ENV !== "production" ? (process.env.CLOCK_OFFSET_MS ?? 0) : 0) || 0;

export function now(): Date {
  return fixed ? new Date(fixed.getTime()) : new Date(Date.now() + offsetMs);
}
export function nowIso(): string {
  return now().toISOString();
}
/** Tests: freeze the clock at a moment (null to release it). */
export function setClock(at: Date | string | null): void {
  fixed = at === null ? null : new Date(at);
}
/** Tests: move a running clock. */
export function setClockOffset(ms: number): void {
  offsetMs = ms;
}
/**
 * Seeds and test fixtures: run `fn` with the clock frozen at `at` (a Date or ISO text), then put
 * the clock back as it was (frozen or running), also when `fn` throws. This is how data in the
 * past (a hearing announced, commented on and closed last month) is made through the commands.
 */
export async function withClock<T>(at: Date | string, fn: () => Promise<T>): Promise<T> {
  const before = fixed;
  fixed = new Date(at);
  try {
    return await fn();
  } finally {
    fixed = before;
  }
}
