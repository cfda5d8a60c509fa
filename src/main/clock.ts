/** Time as a collaborator, so tests can move it and nothing reads the wall clock behind our back. */

/** Source of the current time. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-01-05T09:00:00.000Z') {
    this.current = new Date(start).getTime();
  }
  /** Current time. */
  now(): Date {
    return new Date(this.current);
  }
  /** Moves time forward. */
  advance(ms: number): void {
    this.current += ms;
  }
  /** Jumps to a moment. */
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
}
