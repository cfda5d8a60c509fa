/** The guided set-up's "Test": asks the provider whether it knows the configured OAuth client, before anyone signs in. */
import type { ClientCheckDto, ProviderType } from '../../shared/models';
import type { TokenVault } from '../auth/token-vault';
import { AppError, ConflictError, NotConfiguredError } from '../errors';
import { resolveCredentials } from '../providers/credentials';
import type { ProviderContext } from '../providers/provider';
import type { ProviderRegistry } from '../providers/registry';
import type { SettingsStore } from '../settings/settings-store';
import { loopbackFromEnv, probeRedirectUri } from './loopback-spec';

/** Collaborators of the client check. */
export interface ClientCheckDeps {
  registry: ProviderRegistry;
  settings: SettingsStore;
  vault: TokenVault;
  env: Readonly<Record<string, string | undefined>>;
  context: ProviderContext;
}

/** Creates the client check service. */
export function createClientCheckService(deps: ClientCheckDeps) {
  return {
    /** Checks the client ID (and secret) of a provider as configured now (Settings, else the environment). */
    async check(provider: ProviderType): Promise<ClientCheckDto> {
      const definition = deps.registry.get(provider);
      if (!definition?.oauth) throw new ConflictError(`${definition?.label ?? provider} does not sign in with an OAuth client.`);
      let credentials;
      try {
        credentials = await resolveCredentials(definition, deps.settings.get(), deps.vault, deps.env);
      } catch (error) {
        if (error instanceof NotConfiguredError) return { ok: false, reason: 'not_configured', message: error.message };
        throw error;
      }
      if (!credentials) return { ok: false, reason: 'not_configured', message: `${definition.label} has no OAuth client configured.` };
      const spec = definition.oauth(deps.context);
      if (!spec.checkClient) return { ok: true, reason: 'accepted', message: `${definition.label} cannot check a client before signing in; connect to try it.` };
      let redirectUri: string;
      try {
        redirectUri = probeRedirectUri(loopbackFromEnv(spec.loopback, definition.type, deps.env));
      } catch (error) {
        if (error instanceof AppError) return { ok: false, reason: 'not_configured', message: error.message };
        throw error;
      }
      return spec.checkClient({ credentials, redirectUri });
    },
  };
}

/** The client check service's type. */
export type ClientCheckService = ReturnType<typeof createClientCheckService>;
