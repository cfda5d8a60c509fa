/** Settings as the renderer sees them: values, which secrets are set (never the secrets), storage facts. */
import type { AppSettings, SecretName, SettingsView } from '../../shared/models';
import { SecretNameSchema } from '../../shared/models';
import type { TokenVault } from '../auth/token-vault';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { SettingsStore } from '../settings/settings-store';

/** Creates the settings service. */
export function createSettingsService(store: SettingsStore, vault: TokenVault, dataDir: string, events: EventBus) {
  const view = (): SettingsView => {
    const secretsSet = Object.fromEntries(SecretNameSchema.options.map((name) => [name, vault.hasSecret(name)])) as Record<SecretName, boolean>;
    return { settings: store.get(), secretsSet, secretStorage: vault.status(), dataDir };
  };
  return {
    view,
    /** Applies a patch of non-secret settings. */
    set(patch: Partial<AppSettings>): SettingsView {
      store.update(patch);
      events.emit('integrations:changed', { integrationId: null });
      return view();
    },
    /** Stores a secret in the vault (push channels and provider availability follow). */
    async setSecret(name: SecretName, value: string): Promise<SettingsView> {
      const trimmed = value.trim();
      if (name === 'slackAppToken' && !/^xapp-[A-Za-z0-9-]{10,}$/.test(trimmed)) {
        throw new AppError('invalid_input', 'That is not a Slack app-level token: it starts with xapp- (Basic Information → App-Level Tokens in your Slack app).');
      }
      await vault.setSecret(name, name === 'slackAppToken' ? trimmed : value);
      events.emit('integrations:changed', { integrationId: null });
      return view();
    },
    /** Deletes a secret from the vault. */
    clearSecret(name: SecretName): SettingsView {
      vault.deleteSecret(name);
      events.emit('integrations:changed', { integrationId: null });
      return view();
    },
  };
}

/** The settings service's type. */
export type SettingsService = ReturnType<typeof createSettingsService>;
