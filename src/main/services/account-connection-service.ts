/**
 * One Google sign-in for several services. Connecting asks one consent for the ticked services
 * (incremental: `include_granted_scopes`, so the tokens also cover what the account granted before,
 * and a `login_hint` when the account is known); one token set is kept for the account and each
 * service is an integration using it. A service whose scopes the account already granted is turned
 * on without any consent. The scopes Google reports in the token response decide which services
 * were really granted (the person may untick some on Google's consent screen).
 */
import type { ChannelResult } from '../../shared/ipc-contract';
import type { AccountFamily, GoogleService } from '../../shared/models';
import { startLoopbackListener } from '../auth/loopback-server';
import { OAuthDeniedError } from '../auth/oauth-errors';
import { createPkcePair, createState } from '../auth/pkce';
import type { StoredTokens, TokenVault } from '../auth/token-vault';
import type { AccountRecord } from '../db/account-repository';
import type { AccountFacts } from '../db/integration-repository';
import type { Repositories } from '../db/repositories';
import { AppError, NotConfiguredError, NotFoundError } from '../errors';
import type { EventBus } from '../events';
import type { Logger } from '../logging/logger';
import type { PlatformServices } from '../platform-services';
import { resolveCredentials } from '../providers/credentials';
import type { AccountFamilySpec, ClientCredentials, OAuthSpec, ProviderContext, ProviderDefinition } from '../providers/provider';
import type { ProviderRegistry } from '../providers/registry';
import type { SettingsStore } from '../settings/settings-store';
import { loopbackFromEnv } from './loopback-spec';
import type { OAuthFlows } from './oauth-flows';

/** Collaborators of the account connection service. */
export interface AccountConnectionDeps {
  repos: Repositories;
  registry: ProviderRegistry;
  vault: TokenVault;
  settings: SettingsStore;
  events: EventBus;
  logger: Logger;
  platform: Pick<PlatformServices, 'openExternal' | 'focusApp' | 'env'>;
  context: ProviderContext;
  flows: OAuthFlows;
  onConnected(integrationId: number): void;
  oauthTimeoutMs?: number;
}

/** What connecting answers: every service's integration, and the consent page when one is needed. */
export type AccountConnectResult = ChannelResult<'integrations:connect'>;

const notGranted = (label: string) => `${label} was not turned on: the permission it needs was not granted. Turn it on again and leave it ticked on Google's page.`;

/** Creates the service. */
export function createAccountConnectionService(deps: AccountConnectionDeps) {
  const { repos } = deps;
  const changed = () => deps.events.emit('integrations:changed', { integrationId: null });

  function familyOf(name: AccountFamily): AccountFamilySpec {
    const family = deps.registry.family(name);
    if (!family) throw new NotConfiguredError('Connecting a Google account is not available in this version of the app.');
    return family;
  }

  function definitionsOf(family: AccountFamilySpec, services: readonly GoogleService[]): ProviderDefinition[] {
    const unique = [...new Set(services)];
    if (unique.length === 0) throw new AppError('invalid_input', `Tick at least one service of the ${family.label}.`);
    return unique.map((service) => {
      const definition = deps.registry.get(service);
      if (!definition || !family.services.includes(service)) throw new AppError('invalid_input', `${service} is not a service of a ${family.label}.`);
      return definition;
    });
  }

  /**
   * The scopes a sign-in for these services asks for: what each needs, and what the settings of a
   * service already in the account opted into (Gmail push asks for Pub/Sub as well).
   */
  function scopesOf(definitions: ProviderDefinition[], account: AccountRecord | null): string[] {
    const rows = account ? repos.integrations.listByAccount(account.id) : [];
    return [...new Set(definitions.flatMap((definition) => {
      const row = rows.find((candidate) => candidate.provider === definition.type);
      return [...(definition.requiredScopes ?? []), ...(row ? (definition.extraScopes?.(row.settings) ?? []) : [])];
    }))];
  }
  const covers = (granted: readonly string[], definition: ProviderDefinition) => (definition.requiredScopes ?? []).every((scope) => granted.includes(scope));

  /** The integration of a service in an account: the one already there (by account or by Google identity), or a new one. */
  function serviceRow(definition: ProviderDefinition, account: AccountRecord | null, status: 'connecting' | 'connected'): number {
    const existing =
      (account && repos.integrations.listByAccount(account.id).find((row) => row.provider === definition.type)) ??
      (account && repos.integrations.findByAccount(definition.type, account.accountId));
    if (existing) return existing.id;
    return repos.integrations.create({ provider: definition.type, status, settings: definition.defaultSettings }).id;
  }

  /** Makes a row a service of the account using the shared tokens, and turns it on (or says why not). */
  function attach(rowId: number, account: AccountRecord, facts: AccountFacts, definition: ProviderDefinition, granted: readonly string[]): boolean {
    // A row that held its own token set (connected before) now uses the account's; its old token is
    // not revoked, because revoking any token revokes the whole account's authorization at Google.
    deps.vault.deleteTokens(rowId);
    repos.integrations.setAccountRef(rowId, account.id);
    repos.integrations.setAccount(rowId, facts);
    if (!covers(granted, definition)) {
      repos.integrations.setStatus(rowId, 'error', notGranted(definition.label));
      return false;
    }
    repos.integrations.setStatus(rowId, 'connected', null);
    repos.integrations.setSchedule(rowId, null, deps.context.clock.now().toISOString());
    return true;
  }

  /** Turns services on with the tokens the account holds (no consent needed). */
  function enableGranted(account: AccountRecord, definitions: ProviderDefinition[]): number[] {
    const facts: AccountFacts = { accountId: account.accountId, accountEmail: account.accountEmail, displayName: account.displayName, grantedScopes: account.grantedScopes };
    const ids = repos.db.transaction(() => definitions.map((definition) => {
      const id = serviceRow(definition, account, 'connected');
      attach(id, account, facts, definition, account.grantedScopes);
      return id;
    }))();
    changed();
    for (const id of ids) deps.onConnected(id);
    return ids;
  }

  /** After the consent: keeps the account's tokens and turns on what was granted. */
  async function finish(ids: number[], definitions: ProviderDefinition[], expected: AccountRecord | null, family: AccountFamilySpec, tokens: StoredTokens, spec: OAuthSpec, credentials: ClientCredentials): Promise<void> {
    const facts = await spec.account(tokens);
    if (expected && facts.accountId !== expected.accountId) {
      throw new AppError('conflict', `You signed in as ${facts.accountEmail ?? 'another account'}, but this is ${expected.label}. Nothing was changed; sign in with ${expected.accountEmail ?? 'that account'}.`);
    }
    const anyGranted = definitions.some((definition) => covers(facts.grantedScopes, definition));
    const account = repos.accounts.upsert({ family: family.family, accountId: facts.accountId, accountEmail: facts.accountEmail, displayName: facts.displayName });
    const othersConnected = repos.integrations.listByAccount(account.id).some((row) => row.status === 'connected' && !ids.includes(row.id));
    if (!anyGranted && !othersConnected) {
      await spec.revoke(tokens, credentials).catch(() => undefined);
      throw new AppError('provider_error', `The ${family.label} was not connected: none of the permissions it needs were granted. Connect again and leave them ticked.`);
    }
    await deps.vault.saveAccountTokens(account.id, tokens);
    const turnedOn = repos.db.transaction(() => {
      repos.accounts.setGrantedScopes(account.id, facts.grantedScopes);
      return definitions.flatMap((definition, index) => {
        const pending = ids[index]!;
        // The account may already have this service (connected before, one service at a time): keep that row.
        const existing = repos.integrations.findByAccount(definition.type, facts.accountId);
        const rowId = existing && existing.id !== pending ? existing.id : pending;
        if (rowId !== pending) repos.integrations.remove(pending);
        return attach(rowId, account, facts, definition, facts.grantedScopes) ? [rowId] : [];
      });
    })();
    changed();
    for (const id of turnedOn) deps.onConnected(id);
  }

  return {
    /**
     * Connects a Google account for `services`, or turns services on for a known account
     * (`accountId`): without a consent when its granted scopes cover them, with an incremental one otherwise.
     */
    async connect(input: { family: AccountFamily; services: readonly GoogleService[]; accountId?: number }): Promise<AccountConnectResult> {
      const family = familyOf(input.family);
      const definitions = definitionsOf(family, input.services);
      const account = input.accountId === undefined ? null : repos.accounts.get(input.accountId);
      if (input.accountId !== undefined && !account) throw new NotFoundError('Account', input.accountId);
      const needed = scopesOf(definitions, account);
      if (account && needed.every((scope) => account.grantedScopes.includes(scope)) && (await deps.vault.loadAccountTokens(account.id))) {
        const ids = enableGranted(account, definitions);
        return { integrationId: ids[0]!, integrationIds: ids, accountId: account.id };
      }
      const credentials = await resolveCredentials(family, deps.settings.get(), deps.vault, deps.platform.env);
      if (!credentials) throw new NotConfiguredError(`The ${family.label} has no OAuth client configured.`);
      const spec = family.oauth(deps.context, [...family.identityScopes, ...needed], { loginHint: account?.accountEmail ?? undefined });
      const rows = definitions.map((definition) => repos.integrations.get(serviceRow(definition, account, 'connecting'))!);
      const ids = rows.map((row) => row.id);
      const before = new Map(rows.map((row) => [row.id, row.status]));
      const pkce = createPkcePair();
      const state = createState();
      const listener = await startLoopbackListener({ ...loopbackFromEnv(spec.loopback, 'gmail', deps.platform.env), state, timeoutMs: deps.oauthTimeoutMs });
      deps.flows.start(ids, listener);
      repos.db.transaction(() => ids.forEach((id) => repos.integrations.setStatus(id, 'connecting', null)))();
      changed();
      const authorizationUrl = spec.authorizationUrl({ credentials, redirectUri: listener.redirectUri, state, codeChallenge: pkce.challenge });
      void listener.result
        .then(async ({ code, grantedScope }) => {
          deps.platform.focusApp();
          const tokens = await spec.exchangeCode({ credentials, code, redirectUri: listener.redirectUri, codeVerifier: pkce.verifier, grantedScope });
          await finish(ids, definitions, account, family, tokens, spec, credentials);
        })
        .catch((error: unknown) => {
          // Google's access_denied may mean an account that is not a test user of an app in Testing.
          const denial = error instanceof OAuthDeniedError ? spec.describeDenial?.(error.providerError) : null;
          const message = denial ?? (error instanceof AppError ? error.message : 'Connecting failed unexpectedly. The details are in the log.');
          if (!(error instanceof AppError)) deps.logger.error('account connect failed', { family: family.family, error });
          repos.db.transaction(() => {
            for (const id of ids) {
              if (repos.integrations.get(id)?.status !== 'connecting') continue;
              // A service that was on before keeps its state, with the reason; a new one shows the error.
              const previous = before.get(id);
              repos.integrations.setStatus(id, previous && previous !== 'connecting' ? previous : 'error', message);
            }
          })();
          changed();
        })
        .finally(() => deps.flows.finish(ids, listener));
      await deps.platform.openExternal(authorizationUrl).catch((error: unknown) => deps.logger.warn('could not open the browser', { error }));
      return { integrationId: ids[0]!, integrationIds: ids, authorizationUrl, ...(account ? { accountId: account.id } : {}) };
    },
  };
}

/** The account connection service's type. */
export type AccountConnectionService = ReturnType<typeof createAccountConnectionService>;
