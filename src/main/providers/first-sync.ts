/**
 * How far back a first sync reaches, and each "Load older" after it: the integration's
 * `firstSyncDays` or `firstSyncMaxItems`, whichever is smaller. A new account shows its newest
 * items in seconds instead of reading years of history before the first suggestion.
 */
import type { IntegrationSettings } from '../../shared/models';

/** The defaults: 30 days or 2,000 items. */
export const FIRST_SYNC_DEFAULTS = { days: 30, maxItems: 2000 } as const;

const DAY_MS = 86_400_000;

/** The reach of one fill: items dated after `sinceMs` (and before `untilMs` when set), at most `maxItems`. */
export interface FillBounds {
  sinceMs: number;
  untilMs: number | null;
  maxItems: number;
}

/** The bounds of a first sync at `now`, or of a "Load older" below `untilMs`. */
export function fillBounds(settings: IntegrationSettings, now: Date, untilMs: number | null = null): FillBounds {
  const days = settings.firstSyncDays ?? FIRST_SYNC_DEFAULTS.days;
  const top = untilMs ?? now.getTime();
  return { sinceMs: top - days * DAY_MS, untilMs, maxItems: settings.firstSyncMaxItems ?? FIRST_SYNC_DEFAULTS.maxItems };
}
