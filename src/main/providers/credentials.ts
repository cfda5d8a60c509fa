/**
 * Client credentials for OAuth providers. Settings win over the environment; a missing client ID
 * is a sentence naming the variable to set, never a stack trace.
 */
import type { AppSettings } from '../../shared/models';
import type { TokenVault } from '../auth/token-vault';
import { NotConfiguredError } from '../errors';
import type { ClientCredentials, CredentialSources, ProviderDefinition } from './provider';

/** What needs an OAuth client: a provider, or an account family (one client for all its services). */
export type CredentialOwner = Pick<ProviderDefinition, 'label' | 'credentials'>;

function nonEmpty(value: string | null | undefined): string | null {
  return value && value.trim() !== '' ? value.trim() : null;
}

async function fromSources(sources: Omit<CredentialSources, 'fallback'>, settings: AppSettings, vault: TokenVault, env: Readonly<Record<string, string | undefined>>): Promise<ClientCredentials | null> {
  const clientId = nonEmpty(settings[sources.clientIdSetting]) ?? nonEmpty(env[sources.clientIdEnv]);
  if (!clientId) return null;
  const clientSecret = nonEmpty(await vault.getSecret(sources.secretName)) ?? nonEmpty(env[sources.secretEnv]);
  return { clientId, clientSecret };
}

/** Why a provider cannot connect yet, or null when its credentials are there. */
export function missingCredentialsReason(definition: CredentialOwner, settings: AppSettings, vault: TokenVault, env: Readonly<Record<string, string | undefined>>): string | null {
  const sources = definition.credentials;
  if (!sources) return null;
  const has = (source: Omit<CredentialSources, 'fallback'>) =>
    (nonEmpty(settings[source.clientIdSetting]) ?? nonEmpty(env[source.clientIdEnv])) !== null &&
    (!source.secretRequired || vault.hasSecret(source.secretName) || nonEmpty(env[source.secretEnv]) !== null);
  if (has(sources) || (sources.fallback && has(sources.fallback))) return null;
  const secret = sources.secretRequired ? ` and ${sources.secretEnv}` : '';
  return `${definition.label} needs an OAuth client: set ${sources.clientIdEnv}${secret} in the environment, or enter the client ID${sources.secretRequired ? ' and secret' : ''} in Settings.`;
}

/** Resolves a provider's credentials or throws NotConfiguredError with the sentence above. */
export async function resolveCredentials(definition: CredentialOwner, settings: AppSettings, vault: TokenVault, env: Readonly<Record<string, string | undefined>>): Promise<ClientCredentials | null> {
  const sources = definition.credentials;
  if (!sources) return null;
  const reason = missingCredentialsReason(definition, settings, vault, env);
  if (reason) throw new NotConfiguredError(reason);
  const own = await fromSources(sources, settings, vault, env);
  if (own && (own.clientSecret || !sources.secretRequired)) return own;
  const fallback = sources.fallback ? await fromSources(sources.fallback, settings, vault, env) : null;
  if (fallback) return fallback;
  throw new NotConfiguredError(missingCredentialsReason(definition, { ...settings, [sources.clientIdSetting]: '' }, vault, {}) ?? 'Missing OAuth client.');
}
