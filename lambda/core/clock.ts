// The injected clock type: core code never reads the system time; composition roots pass `systemClock`.
export type Clock = () => Date;

/** A fixed clock, for tests and deterministic runs. */
export function fixedClock(at: Date | string): Clock {
  const t = new Date(at).getTime();
  return () => new Date(t);
}
