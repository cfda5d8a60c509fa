/**
 * How we call Slack: the real WebClient with rate-limited calls rejected at once (so we wait the
 * Retry-After ourselves, interruptibly, and say so in Activity), platform errors mapped to our
 * errors, and token errors turned into a forced refresh once, then "reconnect".
 */
import { ErrorCode, LogLevel, WebClient, type Logger as SlackLogger } from '@slack/web-api';
import { AuthExpiredError, ProviderError, RateLimitedError } from '../../errors';
import type { Logger } from '../../logging/logger';
import type { ProviderContext, ProviderSession } from '../provider';

/** Slack's API root from SLACK_API_URL (must end in /api/). */
export function slackApiUrl(env: Readonly<Record<string, string | undefined>>): string {
  const url = env.SLACK_API_URL || 'https://slack.com/api/';
  return url.endsWith('/') ? url : `${url}/`;
}

const AUTH_ERRORS = new Set(['invalid_auth', 'token_revoked', 'token_expired', 'account_inactive', 'not_authed', 'user_removed_from_team']);
const MAX_RATE_LIMIT_WAITS = 12;

/** A logger for WebClient that forwards (redacted) to ours instead of the console. */
function slackLogger(logger: Logger): SlackLogger {
  let level = LogLevel.WARN;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...messages: unknown[]) => logger.warn(messages.map(String).join(' ')),
    error: (...messages: unknown[]) => logger.error(messages.map(String).join(' ')),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** A WebClient for a token. */
export function createWebClient(context: ProviderContext, token?: string): WebClient {
  return new WebClient(token, {
    slackApiUrl: slackApiUrl(context.env),
    rejectRateLimitedCalls: true,
    // 5xx and network errors: a couple of quick retries inside the client; 429s are ours.
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4000 },
    logger: slackLogger(context.logger),
  });
}

interface SlackErrorLike {
  code?: string;
  data?: { error?: string; needed?: string };
  retryAfter?: number;
}

/** Runs Slack API methods for one session. */
export interface SlackCaller {
  call<T = Record<string, unknown>>(method: string, args: Record<string, unknown>): Promise<T>;
}

/** Creates a caller using the session's tokens; `maxRateLimitWaits: 0` gives up at the first 429. */
export function createSlackCaller(context: ProviderContext, session: ProviderSession, options: { maxRateLimitWaits?: number } = {}): SlackCaller {
  const maxWaits = options.maxRateLimitWaits ?? MAX_RATE_LIMIT_WAITS;
  return {
    async call<T>(method: string, args: Record<string, unknown>): Promise<T> {
      let forced = false;
      let waits = 0;
      for (;;) {
        session.signal.throwIfAborted();
        const client = createWebClient(context, await session.accessToken({ force: forced }));
        session.meter.record(method, 0);
        try {
          return (await client.apiCall(method, args)) as T;
        } catch (error) {
          const e = error as SlackErrorLike;
          if (e.code === ErrorCode.RateLimitedError) {
            const waitMs = Math.max(1, e.retryAfter ?? 1) * 1000;
            if (++waits > maxWaits) throw new RateLimitedError(`Slack kept rate-limiting ${method}.`, waitMs);
            session.note(`Slack rate-limited ${method}; the sync waited ${Math.round(waitMs / 1000)} s each time (apps outside the Marketplace may be held to one history call a minute).`);
            await session.sleep(waitMs);
            continue;
          }
          const platformError = e.code === ErrorCode.PlatformError ? e.data?.error ?? 'unknown_error' : null;
          if (platformError && AUTH_ERRORS.has(platformError)) {
            if (platformError === 'token_expired' && !forced) {
              forced = true;
              continue;
            }
            throw new AuthExpiredError();
          }
          if (platformError === 'missing_scope') throw new ProviderError('forbidden', `Slack refused ${method}: the app lacks the ${e.data?.needed ?? 'needed'} permission. Reconnect Slack and allow it.`, 403);
          if (platformError) throw new ProviderError('bad_request', `Slack refused ${method} (${platformError}).`, 400);
          throw new ProviderError('unavailable', `Slack could not be reached for ${method}.`);
        }
      }
    },
  };
}
