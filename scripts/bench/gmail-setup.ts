/** A connected Gmail integration without the browser hop: tokens issued by the fake, stored through the vault. */
import type { StoredTokens } from '../../src/main/auth/token-vault';
import type { Core } from '../../src/main/core';
import { gmailProvider } from '../../src/main/providers/gmail/gmail-definition';
import type { FakeGoogle } from '../../test/fakes/google';

/** What a process needs to connect the integration (JSON, so it can cross to a child process). */
export interface GmailSetup {
  tokens: StoredTokens;
  accountEmail: string;
  accountId: string;
  scopes: string[];
  /** Messages the first sync may list (the settings schema caps this at 500 for the UI). */
  maxResults: number;
}

const GMAIL_SCOPES = ['openid', 'email', 'https://www.googleapis.com/auth/gmail.modify'];

/** Issues tokens from the fake, as its token endpoint would after a consent. */
export function gmailSetup(google: FakeGoogle, maxResults: number): GmailSetup {
  const issued = google.issueTokens(GMAIL_SCOPES);
  return {
    tokens: { accessToken: issued.access_token, refreshToken: issued.refresh_token, expiresAt: issued.expiry_date, scope: issued.scope, tokenType: issued.token_type },
    accountEmail: google.account.email,
    accountId: google.account.sub,
    scopes: issued.scope.split(' '),
    maxResults,
  };
}

/** Creates the connected integration in `core`; returns its id. */
export async function connectGmail(core: Core, setup: GmailSetup): Promise<number> {
  const { repos } = core;
  const integration = repos.integrations.create({ provider: 'gmail', status: 'connected', settings: { ...gmailProvider.defaultSettings } });
  repos.integrations.setAccount(integration.id, { accountId: setup.accountId, accountEmail: setup.accountEmail, displayName: null, grantedScopes: setup.scopes });
  // Stored through the repository on purpose: the settings schema caps maxResults at 500 for the UI.
  repos.integrations.setSettings(integration.id, { ...gmailProvider.defaultSettings, maxResults: setup.maxResults });
  await core.vault.saveTokens(integration.id, setup.tokens);
  return integration.id;
}
