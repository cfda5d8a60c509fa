/**
 * Connecting and disconnecting accounts. OAuth providers: a loopback listener, PKCE and state, the
 * system browser, and the flow finishing in the background (connecting -> connected, or an error
 * sentence). File providers: a path checked and described. Google accounts (one sign-in for
 * several services) go through the account connection service. Disconnect revokes (once the last
 * service of an account goes), and deletes the local tokens even when revocation fails.
 */
import type { ChannelInput, ChannelResult } from '../../shared/ipc-contract';
import type { GoogleService, IntegrationDto, ProviderType } from '../../shared/models';
import { startLoopbackListener } from '../auth/loopback-server';
import { OAuthDeniedError } from '../auth/oauth-errors';
import { createPkcePair, createState } from '../auth/pkce';
import type { StoredTokens } from '../auth/token-vault';
import type { AccountFacts } from '../db/integration-repository';
import { AppError, ConflictError, NotConfiguredError, NotFoundError } from '../errors';
import { resolveCredentials } from '../providers/credentials';
import type { ProviderDefinition } from '../providers/provider';
import type { AccountConnectionDeps, AccountConnectionService } from './account-connection-service';
import { createIntegrationViews } from './integration-views';
import { loopbackFromEnv } from './loopback-spec';

/** Collaborators of the connection service: those of an account's connection, and that service itself. */
export interface ConnectionServiceDeps extends AccountConnectionDeps {
  /** One sign-in for several services (a Google account). */
  accounts: AccountConnectionService;
}

/** Creates the connection service. */
export function createConnectionService(deps: ConnectionServiceDeps) {
  const { repos, registry, events, flows } = deps;

  const dto: (id: number) => IntegrationDto = createIntegrationViews(repos, registry).one;
  const changed = (integrationId: number | null) => events.emit('integrations:changed', { integrationId });
  const definitionFor = (provider: ProviderType): ProviderDefinition => {
    const definition = registry.get(provider);
    if (!definition) throw new NotConfiguredError(`Connecting ${provider} is not available in this version of the app.`);
    return definition;
  };

  /** Stores the account on the row, or moves the tokens to the row already holding this account. */
  async function finishConnection(integrationId: number, definition: ProviderDefinition, facts: AccountFacts, save: (id: number) => Promise<void>): Promise<number> {
    const existing = repos.integrations.findByAccount(definition.type, facts.accountId);
    const targetId = existing && existing.id !== integrationId ? existing.id : integrationId;
    await save(targetId);
    repos.db.transaction(() => {
      if (targetId !== integrationId) repos.integrations.remove(integrationId);
      repos.integrations.setAccount(targetId, facts);
      // A service of an account family joins its account (colour and label), keeping its own tokens.
      if (definition.family) repos.integrations.setAccountRef(targetId, repos.accounts.upsert({ family: definition.family, ...facts }).id);
      repos.integrations.setStatus(targetId, 'connected', null);
      repos.integrations.setSchedule(targetId, null, deps.context.clock.now().toISOString());
    })();
    changed(null);
    deps.onConnected(targetId);
    return targetId;
  }

  async function connectFile(definition: ProviderDefinition, path: string | undefined, reuseId: number | undefined): Promise<ChannelResult<'integrations:connect'>> {
    if (!path) throw new AppError('invalid_input', `${definition.label} needs the path of a file or folder to read.`);
    const facts = await definition.inspectPath!(path);
    const id = reuseId ?? repos.integrations.create({ provider: definition.type, status: 'connecting', settings: { ...definition.defaultSettings, path } }).id;
    if (reuseId) repos.integrations.setSettings(id, { ...repos.integrations.get(id)!.settings, path });
    return { integrationId: await finishConnection(id, definition, facts, async () => undefined) };
  }

  async function connectOAuth(definition: ProviderDefinition, reuseId: number | undefined): Promise<ChannelResult<'integrations:connect'>> {
    const credentials = await resolveCredentials(definition, deps.settings.get(), deps.vault, deps.platform.env);
    if (!credentials) throw new NotConfiguredError(`${definition.label} has no OAuth client configured.`);
    const spec = definition.oauth!(deps.context);
    const previous = reuseId ? repos.integrations.get(reuseId) : null;
    if (reuseId && !previous) throw new NotFoundError('Integration', reuseId);
    const id = previous?.id ?? repos.integrations.create({ provider: definition.type, status: 'connecting', settings: definition.defaultSettings }).id;
    const pkce = createPkcePair();
    const state = createState();
    const listener = await startLoopbackListener({ ...loopbackFromEnv(spec.loopback, definition.type, deps.platform.env), state, timeoutMs: deps.oauthTimeoutMs });
    flows.start([id], listener);
    repos.integrations.setStatus(id, 'connecting', null);
    changed(id);
    // A reconnect keeps what the account's settings opted into (Gmail push asks for Pub/Sub as well).
    const extraScopes = previous ? (definition.extraScopes?.(previous.settings) ?? []) : [];
    const authorizationUrl = spec.authorizationUrl({ credentials, redirectUri: listener.redirectUri, state, codeChallenge: pkce.challenge, extraScopes });

    void listener.result
      .then(async ({ code, grantedScope }) => {
        deps.platform.focusApp();
        const tokens = await spec.exchangeCode({ credentials, code, redirectUri: listener.redirectUri, codeVerifier: pkce.verifier, grantedScope });
        const facts = await spec.account(tokens);
        const missing = (definition.requiredScopes ?? []).filter((scope) => !facts.grantedScopes.includes(scope));
        if (missing.length > 0) {
          await spec.revoke(tokens, credentials).catch(() => undefined);
          throw new AppError('provider_error', `${definition.label} was not connected: the permission it needs was not granted (${missing.join(', ')}). Connect again and leave it ticked.`);
        }
        await finishConnection(id, definition, facts, (targetId) => deps.vault.saveOwnTokens(targetId, tokens));
      })
      .catch((error: unknown) => {
        // The provider knows what its refusals mean (Google's access_denied for an app in Testing...).
        const denial = error instanceof OAuthDeniedError ? spec.describeDenial?.(error.providerError) : null;
        const message = denial ?? (error instanceof AppError ? error.message : 'Connecting failed unexpectedly. The details are in the log.');
        if (!(error instanceof AppError)) deps.logger.error('connect failed', { provider: definition.type, error });
        if (!repos.integrations.get(id)) return;
        // A failed reconnect leaves the account as it was, with the reason; a failed first connect shows the error.
        repos.integrations.setStatus(id, previous && previous.status !== 'connecting' ? previous.status : 'error', message);
        changed(id);
      })
      .finally(() => flows.finish([id], listener));

    await deps.platform.openExternal(authorizationUrl).catch((error: unknown) => deps.logger.warn('could not open the browser', { error }));
    return { integrationId: id, authorizationUrl };
  }

  /** Revokes a token set at its provider (best effort); the sentence to show when that failed, or null. */
  async function revoke(definition: ProviderDefinition, tokens: StoredTokens | null): Promise<string | null> {
    if (!definition.oauth || !tokens) return null;
    try {
      const credentials = await resolveCredentials(definition, deps.settings.get(), deps.vault, deps.platform.env);
      if (credentials) await definition.oauth(deps.context).revoke(tokens, credentials);
      return null;
    } catch (error) {
      deps.logger.warn('revoke failed', { provider: definition.type, error });
      return `Access could not be revoked at ${definition.label} (${error instanceof Error ? error.message : 'unknown error'}); the local sign-in was deleted anyway. You can also remove the app in your ${definition.label} account settings.`;
    }
  }

  /** Turns one integration off here: no more syncs, no queued actions, its own tokens gone. */
  function markDisconnected(integrationId: number, problem: string | null): void {
    deps.vault.deleteTokens(integrationId);
    repos.integrations.setCursor(integrationId, null);
    repos.integrations.setSchedule(integrationId, null, null);
    repos.integrations.setStatus(integrationId, 'disconnected', problem);
    repos.outbox.cancelForIntegration(integrationId);
  }

  /** Forgets every token of an account (shared and per service) after its grant was revoked. */
  function forgetAccount(accountId: number, problem: string | null): void {
    deps.vault.deleteAccountTokens(accountId);
    repos.accounts.setGrantedScopes(accountId, []);
    for (const row of repos.integrations.listByAccount(accountId)) if (row.status !== 'disconnected') markDisconnected(row.id, problem);
  }

  return {
    /** Starts connecting (or reconnecting, with `integrationId`) an account; `google` connects a Google account's services. */
    connect(input: ChannelInput<'integrations:connect'>): Promise<ChannelResult<'integrations:connect'>> {
      if (input.provider === 'google') return deps.accounts.connect({ family: 'google', services: input.options?.services ?? [], accountId: input.options?.accountId });
      const definition = definitionFor(input.provider);
      if (definition.kind === 'file') return connectFile(definition, input.options?.path, input.integrationId);
      const previous = input.integrationId ? repos.integrations.get(input.integrationId) : null;
      // A service of a Google account reconnects through its account's sign-in.
      if (previous && definition.family && previous.accountRef !== null && !previous.ownCredentials) {
        return deps.accounts.connect({ family: definition.family, services: [previous.provider as GoogleService], accountId: previous.accountRef });
      }
      return connectOAuth(definition, input.integrationId);
    },
    /** Stops a sign-in in progress. */
    cancelConnect(integrationId: number): IntegrationDto {
      if (!flows.cancel(integrationId)) throw new ConflictError('No sign-in is in progress for this account.');
      return dto(integrationId);
    },
    /**
     * Turns an integration off. Its access is revoked at the provider only when no other service of
     * its account still uses it: at Google, revoking any token revokes the whole account's grant.
     */
    async disconnect(integrationId: number): Promise<IntegrationDto> {
      const integration = repos.integrations.get(integrationId);
      if (!integration) throw new NotFoundError('Integration', integrationId);
      flows.cancel(integrationId);
      const definition = definitionFor(integration.provider);
      const siblings = integration.accountRef === null ? [] : repos.integrations.listByAccount(integration.accountRef).filter((row) => row.id !== integrationId && row.status !== 'disconnected');
      if (siblings.length > 0) {
        repos.db.transaction(() => markDisconnected(integrationId, null))();
      } else {
        const shared = integration.accountRef !== null && !integration.ownCredentials;
        const tokens = shared ? await deps.vault.loadAccountTokens(integration.accountRef!) : await deps.vault.loadTokens(integrationId);
        const problem = await revoke(definition, tokens);
        repos.db.transaction(() => {
          markDisconnected(integrationId, problem);
          if (integration.accountRef !== null) forgetAccount(integration.accountRef, problem);
        })();
      }
      changed(integrationId);
      return dto(integrationId);
    },
    /** Disconnects every service of an account and revokes its grant once. */
    async disconnectAccount(accountId: number): Promise<{ accountId: number }> {
      const account = repos.accounts.get(accountId);
      if (!account) throw new NotFoundError('Account', accountId);
      const rows = repos.integrations.listByAccount(accountId);
      for (const row of rows) flows.cancel(row.id);
      const shared = await deps.vault.loadAccountTokens(accountId);
      const own = shared ? null : await firstOwnTokens(rows.map((row) => row.id));
      const definition = rows.map((row) => registry.get(row.provider)).find((found): found is ProviderDefinition => found !== null && found.oauth !== undefined);
      const problem = definition ? await revoke(definition, shared ?? own) : null;
      repos.db.transaction(() => forgetAccount(accountId, problem))();
      changed(null);
      return { accountId };
    },
    /**
     * Removes an account from the app: disconnects it first (revoking and deleting tokens), then
     * deletes its row with its suggestions, logs and queued actions. Tasks made from it stay.
     */
    async remove(integrationId: number): Promise<{ integrationId: number }> {
      const integration = repos.integrations.get(integrationId);
      if (!integration) throw new NotFoundError('Integration', integrationId);
      if (integration.status !== 'disconnected') await this.disconnect(integrationId);
      repos.integrations.remove(integrationId);
      changed(null);
      events.emit('suggestions:changed', { integrationId: null });
      return { integrationId };
    },
    /** Stops every sign-in in progress (quit). */
    cancelAll(): void {
      flows.cancelAll();
    },
  };

  async function firstOwnTokens(ids: number[]): Promise<StoredTokens | null> {
    for (const id of ids) {
      const tokens = repos.integrations.credentialHome(id).kind === 'own' ? await deps.vault.loadTokens(id) : null;
      if (tokens) return tokens;
    }
    return null;
  }
}

/** The connection service's type. */
export type ConnectionService = ReturnType<typeof createConnectionService>;
