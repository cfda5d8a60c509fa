/** Why a sign-in did not complete, each with the sentence the person sees. */
import { AppError } from '../errors';

/** The person closed the browser, waited too long, or pressed Cancel. */
export class OAuthAbortedError extends AppError {
  constructor(readonly reason: 'timeout' | 'cancelled') {
    super(
      'conflict',
      reason === 'timeout'
        ? 'Sign-in took longer than 5 minutes, so it was stopped. Try connecting again.'
        : 'Sign-in was cancelled.',
    );
  }
}

/** The provider answered the redirect with an error (e.g. the person denied access). */
export class OAuthDeniedError extends AppError {
  constructor(readonly providerError: string) {
    super(
      'provider_error',
      providerError === 'access_denied' ? 'Access was not granted, so the account was not connected.' : `The sign-in page reported an error (${providerError.slice(0, 100)}).`,
    );
  }
}
