/**
 * Opens a provider client and its session for an integration: resolves credentials, wires the token
 * manager (single-flight refresh through the provider's OAuth spec) and the usage meter. Shared by
 * the sync engine and the outbox worker.
 */
import type { TokenManager } from '../auth/token-manager';
import type { TokenVault } from '../auth/token-vault';
import type { IntegrationRecord } from '../db/integration-repository';
import type { Repositories } from '../db/repositories';
import { NotConfiguredError } from '../errors';
import { alwaysSuggestsFrom } from '../items/rules';
import { resolveCredentials } from '../providers/credentials';
import type { ProviderClient, ProviderContext, ProviderDefinition, ProviderSession, UsageMeter } from '../providers/provider';
import type { ProviderRegistry } from '../providers/registry';
import type { SettingsStore } from '../settings/settings-store';
import type { Sleep } from './sleep';

/** A usage meter that only counts. */
function createUsageMeter(): UsageMeter & { calls: Map<string, number> } {
  let apiCalls = 0;
  let quotaUnits = 0;
  const calls = new Map<string, number>();
  return {
    record(call, units, httpRequests = 1) {
      apiCalls += httpRequests;
      quotaUnits += units;
      calls.set(call, (calls.get(call) ?? 0) + httpRequests);
    },
    get apiCalls() {
      return apiCalls;
    },
    get quotaUnits() {
      return quotaUnits;
    },
    calls,
  };
}

/** Collaborators of the session factory. */
export interface SessionFactoryDeps {
  repos: Repositories;
  registry: ProviderRegistry;
  tokens: TokenManager;
  vault: TokenVault;
  settings: SettingsStore;
  context: ProviderContext;
  sleep: Sleep;
}

/** An open client with its session. */
export interface OpenSession {
  definition: ProviderDefinition;
  client: ProviderClient;
  session: ProviderSession;
  meter: ReturnType<typeof createUsageMeter>;
  notes: string[];
}

/** Options of one session. */
export interface SessionOptions {
  signal: AbortSignal;
  progress?: (done: number, total: number | null) => void;
}

/**
 * The person's own addresses for a session: this account's, then every other connected account's
 * (a local mail file has no account, yet the person's mail in it is sent from one of them).
 */
function selfAddressesFor(integration: IntegrationRecord, all: readonly IntegrationRecord[]): string[] {
  const emails = [integration, ...all].map((record) => record.accountEmail).filter((email): email is string => Boolean(email && email.includes('@')));
  return [...new Set(emails)];
}

/** Creates the factory. */
export function createSessionFactory(deps: SessionFactoryDeps) {
  return {
    /** The provider definition of an integration, or a clear error. */
    definitionOf(integration: IntegrationRecord): ProviderDefinition {
      const definition = deps.registry.get(integration.provider);
      if (!definition) throw new NotConfiguredError(`The ${integration.provider} provider is not available in this version of the app.`);
      return definition;
    },
    /** Opens a client and session for an integration. */
    async open(integration: IntegrationRecord, options: SessionOptions): Promise<OpenSession> {
      const definition = this.definitionOf(integration);
      const credentials = await resolveCredentials(definition, deps.settings.get(), deps.vault, deps.context.env);
      const oauth = definition.oauth?.(deps.context) ?? null;
      const meter = createUsageMeter();
      const notes: string[] = [];
      const alwaysRules = deps.repos.rules.active().filter((rule) => rule.action !== 'priority');
      const session: ProviderSession = {
        integration,
        settings: { ...definition.defaultSettings, ...integration.settings, syncFrequencyMinutes: integration.syncFrequencyMinutes, autoGenerate: integration.autoGenerate },
        accessToken: async ({ force } = {}) => {
          if (!oauth || !credentials) throw new NotConfiguredError(`${definition.label} does not use sign-in tokens.`);
          return deps.tokens.accessToken(integration.id, (tokens) => oauth.refresh(tokens, credentials), { force });
        },
        meter,
        isKnown: (itemId) => deps.repos.providerItems.isKnown(integration.id, itemId),
        selfAddresses: selfAddressesFor(integration, deps.repos.integrations.list()),
        alwaysSuggestsFrom: (address) => alwaysSuggestsFrom(address, alwaysRules),
        clock: deps.context.clock,
        logger: deps.context.logger.child(`${integration.provider}#${integration.id}`),
        signal: options.signal,
        progress: options.progress ?? (() => undefined),
        note: (text) => {
          if (!notes.includes(text)) notes.push(text);
        },
        sleep: (ms) => deps.sleep(ms, options.signal),
      };
      return { definition, client: definition.createClient(deps.context, credentials), session, meter, notes };
    },
  };
}

/** The session factory's type. */
export type SessionFactory = ReturnType<typeof createSessionFactory>;
