/** Settings as the renderer sees them: values, which secrets are set (never the secrets), storage facts. */
import type { AppSettings, SecretName, SettingsView } from '../../shared/models';
import { SecretNameSchema } from '../../shared/models';
import type { TokenVault } from '../auth/token-vault';
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
    /** Stores a secret in the vault. */
    async setSecret(name: SecretName, value: string): Promise<SettingsView> {
      await vault.setSecret(name, value);
      return view();
    },
    /** Deletes a secret from the vault. */
    clearSecret(name: SecretName): SettingsView {
      vault.deleteSecret(name);
      return view();
    },
  };
}

/** The settings service's type. */
export type SettingsService = ReturnType<typeof createSettingsService>;
