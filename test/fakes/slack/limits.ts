/**
 * Rate limits per method in Slack's tiers (per app, per workspace, per minute) and armed faults.
 * Windows slide over the fake clock and can be shrunk with `timeScale`, so minute-long limits
 * play out in milliseconds while Retry-After stays the whole number of seconds Slack would send.
 */
import { type SlackResponse, json, rateLimited } from './http';
import { type FaultSpec, type SlackMethod } from './types';

// apps.connections.open is Tier 1 ("1+ per minute, bursts tolerated"); the fake tolerates 20 a minute.
const TIER_1_BURST = 20;
const TIER_2 = 20;
const TIER_3 = 50;
const TIER_4 = 100;

/** Requests per minute of each method (Slack's documented tier; "special" methods get Tier 4 here). */
export const methodTiers: Record<SlackMethod, number> = {
  'oauth.v2.access': TIER_4,
  'auth.test': TIER_4,
  'auth.revoke': TIER_3,
  'users.info': TIER_4,
  'users.conversations': TIER_3,
  'conversations.list': TIER_2,
  'conversations.info': TIER_3,
  'conversations.history': TIER_3,
  'conversations.replies': TIER_3,
  'search.messages': TIER_2,
  'reactions.add': TIER_3,
  'chat.getPermalink': TIER_4,
  'apps.connections.open': TIER_1_BURST,
};

/** The most messages a non-Marketplace app gets from conversations.history/replies per call. */
export const NON_MARKETPLACE_MAX_LIMIT = 15;

/** Sliding one-minute windows per method. */
export class RateLimiter {
  private readonly calls = new Map<SlackMethod, number[]>();
  private readonly perMinute: Record<SlackMethod, number>;
  private readonly windowMs: number;

  constructor(
    private readonly enabled: boolean,
    overrides: Partial<Record<SlackMethod, number>>,
    nonMarketplace: boolean,
    private readonly timeScale: number,
    private readonly fixedRetryAfter: number | undefined,
    private readonly now: () => number,
  ) {
    const restricted: Partial<Record<SlackMethod, number>> = nonMarketplace ? { 'conversations.history': 1, 'conversations.replies': 1 } : {};
    this.perMinute = { ...methodTiers, ...restricted, ...overrides };
    this.windowMs = 60_000 * timeScale;
  }

  /** Counts the call, or answers 429 when the method's window is full (refused calls do not count). */
  admit(method: SlackMethod): SlackResponse | undefined {
    if (!this.enabled) return undefined;
    const now = this.now();
    const recent = (this.calls.get(method) ?? []).filter((at) => at > now - this.windowMs);
    this.calls.set(method, recent);
    if (recent.length >= this.perMinute[method]) {
      // Seconds until the oldest call leaves the window, in Slack's (unscaled) seconds.
      const waitMs = recent[0]! + this.windowMs - now;
      return rateLimited(this.fixedRetryAfter ?? Math.max(1, Math.ceil(waitMs / this.timeScale / 1000)));
    }
    recent.push(now);
    return undefined;
  }

  /** Forgets every window (e.g. between test phases). */
  reset(): void {
    this.calls.clear();
  }
}

/** Faults armed per method ('*' = any API method), consumed first-armed first. */
export class FaultBoard {
  private readonly armed = new Map<string, (FaultSpec & { left: number })[]>();

  inject(method: SlackMethod | '*', spec: FaultSpec): void {
    const list = this.armed.get(method) ?? [];
    list.push({ ...spec, left: spec.times ?? 1 });
    this.armed.set(method, list);
  }

  clear(method?: SlackMethod | '*'): void {
    if (method) this.armed.delete(method);
    else this.armed.clear();
  }

  /** The answer of the next armed fault for this method, consuming one use of it. */
  take(method: SlackMethod): SlackResponse | undefined {
    for (const key of [method, '*']) {
      const list = this.armed.get(key);
      const fault = list?.[0];
      if (!list || !fault) continue;
      fault.left -= 1;
      if (fault.left <= 0) list.shift();
      return faultResponse(fault);
    }
    return undefined;
  }
}

function faultResponse(fault: FaultSpec): SlackResponse {
  if (fault.status === 429 || fault.error === 'ratelimited') return rateLimited(fault.retryAfterSeconds ?? 1);
  if (fault.status !== undefined && fault.status !== 200) {
    // Slack's edge answers outages with a status line; WebClient reads only the status then.
    return json(fault.status, { ok: false, error: fault.error ?? (fault.status >= 500 ? 'internal_error' : 'request_failed') });
  }
  return json(200, { ok: false, error: fault.error ?? 'internal_error' });
}
