/** The Google account family: one sign-in (one consent, one token set) for Gmail, Calendar and Tasks. */
import type { AccountFamilySpec, CredentialSources } from '../provider';
import { createGoogleOAuth, GOOGLE_SCOPES } from './google-oauth';

/** The app's Google OAuth client ("Desktop app"), from Settings or GMAIL_CLIENT_ID / GMAIL_CLIENT_SECRET. */
export const GOOGLE_CLIENT_CREDENTIALS: CredentialSources = {
  clientIdSetting: 'gmailClientId',
  clientIdEnv: 'GMAIL_CLIENT_ID',
  secretName: 'gmailClientSecret',
  secretEnv: 'GMAIL_CLIENT_SECRET',
  secretRequired: true,
};

/** A Google account: its services share one incremental authorization. */
export const googleAccountFamily: AccountFamilySpec = {
  family: 'google',
  label: 'Google account',
  services: ['gmail', 'google_calendar', 'google_tasks'],
  credentials: GOOGLE_CLIENT_CREDENTIALS,
  identityScopes: [GOOGLE_SCOPES.openid, GOOGLE_SCOPES.email],
  // Always incremental: Google then returns tokens covering every scope the account granted the app,
  // so enabling one more service never takes away the others.
  oauth: (context, scopes, options) => createGoogleOAuth(context, scopes, { includeGrantedScopes: true, loginHint: options.loginHint }),
};
