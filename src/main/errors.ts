/**
 * Typed failures. Each carries a sentence a person understands (shown in the UI) and a code the
 * bridge maps to a status; details for debugging go to the log, never secrets.
 */
import type { ApiErrorCode } from '../shared/ipc-contract';

/** Base of every failure the app expects and explains. */
export class AppError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing asked for does not exist. */
export class NotFoundError extends AppError {
  constructor(what: string, id: number | string) {
    super('not_found', `${what} ${id} was not found.`);
  }
}

/** The request conflicts with the current state (e.g. approving a dismissed suggestion). */
export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', message);
  }
}

/** Something the person must configure first (a client ID, an LLM endpoint). */
export class NotConfiguredError extends AppError {
  constructor(message: string) {
    super('not_configured', message);
  }
}

/** Why a provider call failed, so callers can react (reconnect, wait, give up). */
export type ProviderFailureKind = 'auth_expired' | 'rate_limited' | 'forbidden' | 'not_found' | 'bad_request' | 'unavailable' | 'network';

/** A provider (Google, Slack, the LLM) refused or failed. */
export class ProviderError extends AppError {
  constructor(
    readonly kind: ProviderFailureKind,
    message: string,
    readonly status: number | null = null,
    /** Milliseconds the provider asked us to wait (Retry-After), when it said so. */
    readonly retryAfterMs: number | null = null,
  ) {
    super('provider_error', message);
  }
}

/** The account's grant is gone (revoked, expired refresh token): the person must reconnect. */
export class AuthExpiredError extends ProviderError {
  constructor(message = 'The account needs to be reconnected: its permission was revoked or has expired.') {
    super('auth_expired', message, 401);
  }
}

/** The provider asked us to slow down. */
export class RateLimitedError extends ProviderError {
  constructor(message: string, retryAfterMs: number | null, status = 429) {
    super('rate_limited', message, status, retryAfterMs);
  }
}
