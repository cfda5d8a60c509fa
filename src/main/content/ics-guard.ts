/**
 * A work budget for ical.js recurrence expansion. Some rules never match (FREQ=DAILY;BYMONTH=2;
 * BYMONTHDAY=30) and ical.js then loops inside a single `next()` call, even while constructing
 * the iterator, where no caller can stop it. Every pass of that loop checks the "contracting"
 * BYxxx rules, so that check is wrapped once with a counter; it is unlimited unless a budget is
 * active, so other users of ical.js see no change.
 */
import ICAL from 'ical.js';

/** Thrown when a recurrence rule used up its budget. */
export class RecurrenceBudgetExceeded extends Error {
  constructor() {
    super('its repeat rule never settles on an occurrence (it may never match)');
  }
}

interface CheckedIterator {
  check_contracting_rules(this: unknown): boolean;
}

const PATCHED = Symbol.for('provider-tasks.ical-recur-budget');
let remaining = Number.POSITIVE_INFINITY;
let deadline = Number.POSITIVE_INFINITY;

const proto = (ICAL.RecurIterator as unknown as { prototype: CheckedIterator & { [PATCHED]?: true } }).prototype;
if (!proto[PATCHED]) {
  const original = proto.check_contracting_rules;
  proto.check_contracting_rules = function (this: unknown): boolean {
    if (--remaining < 0 || (remaining % 4096 === 0 && Date.now() > deadline)) throw new RecurrenceBudgetExceeded();
    return original.call(this);
  };
  proto[PATCHED] = true;
}

/** Runs `fn` allowing at most `checks` rule checks, and no work past `until` (epoch ms), during recurrence expansion. */
export function withRecurrenceBudget<T>(checks: number, until: number, fn: () => T): T {
  const previous = [remaining, deadline] as const;
  remaining = checks;
  deadline = until;
  try {
    return fn();
  } finally {
    [remaining, deadline] = previous;
  }
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when no month the rule allows has any of its BYMONTHDAY days (February 30th): it can never match. */
function impossibleDays(parts: Record<string, unknown> | undefined): boolean {
  const days = (parts?.BYMONTHDAY as number[] | undefined)?.filter(Number.isFinite) ?? [];
  if (days.length === 0) return false;
  const months = (parts?.BYMONTH as number[] | undefined)?.filter((month) => month >= 1 && month <= 12) ?? [];
  const allowed = months.length > 0 ? months : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  return days.every((day) => allowed.every((month) => day === 0 || Math.abs(day) > DAYS_IN_MONTH[month - 1]!));
}

/**
 * Why a recurrence rule is refused before expanding it, or null: ical.js loops per unit of INTERVAL,
 * and a rule that can never match loops until its budget runs out (about 50 µs a pass).
 */
export function ruleProblem(component: InstanceType<typeof ICAL.Component>): string | null {
  for (const property of component.getAllProperties('rrule')) {
    const rule = property.getFirstValue() as { interval?: number; freq?: string; parts?: Record<string, unknown> } | null;
    if (!rule) continue;
    if ((rule.interval ?? 1) > 1000) return 'its repeat interval is larger than 1000';
    // A person's calendar never repeats by the second or minute; such a rule only multiplies work.
    if (rule.freq === 'SECONDLY' || rule.freq === 'MINUTELY') return 'it repeats more often than every hour';
    if (impossibleDays(rule.parts)) return 'its repeat rule can never match (no such day in those months)';
  }
  return null;
}
