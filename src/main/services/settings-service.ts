/** Settings as the renderer sees them: values, which secrets are set (never the secrets), storage facts. */
import type { AppSettings, AutoApproveStatus, ProviderItemType, SecretName, SettingsView } from '../../shared/models';
import type { PersonalThreshold } from '../ai/auto-approve-policy';
import { OFFLINE_ENGINE_NAME } from '../ai/offline/offline-engine';
import { createQualityLookup, type QualityLookup } from '../ai/quality';
import { SecretNameSchema } from '../../shared/models';
import type { TokenVault } from '../auth/token-vault';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { SettingsStore } from '../settings/settings-store';
import { autoApproveGate } from '../sync/auto-approve';

/** Item kinds the engines judge, in the order Settings lists them. */
const JUDGED: ProviderItemType[] = ['email', 'slack_message', 'calendar_event'];

/**
 * Creates the settings service. `llmModel` names the model the LLM engine would use (Settings, else
 * LLM_MODEL); `personalThreshold` is what the person's outcomes call for (the sync gates with it too).
 */
export function createSettingsService(
  store: SettingsStore,
  vault: TokenVault,
  dataDir: string,
  events: EventBus,
  quality: QualityLookup = createQualityLookup(),
  defaultLlmModel = 'gpt-4.1-mini',
  personalThreshold: (setting: number) => PersonalThreshold | null = () => null,
) {
  const autoApprove = (settings: AppSettings): AutoApproveStatus[] => {
    const engines = settings.engine === 'offline' ? [OFFLINE_ENGINE_NAME] : [OFFLINE_ENGINE_NAME, settings.llmModel || defaultLlmModel];
    const policy = { enabled: settings.autoApproveEnabled, threshold: settings.autoApproveThreshold };
    const personal = personalThreshold(settings.autoApproveThreshold);
    // The same gate the sync's one decision uses (sync/auto-approve.ts), so Settings says what it does.
    return engines.flatMap((engine) => JUDGED.map((itemType) => ({ engine, itemType, ...autoApproveGate({ settings: policy, engine, quality: quality(engine), personal }, itemType) })));
  };
  const view = (): SettingsView => {
    const secretsSet = Object.fromEntries(SecretNameSchema.options.map((name) => [name, vault.hasSecret(name)])) as Record<SecretName, boolean>;
    const settings = store.get();
    return { settings, secretsSet, secretStorage: vault.status(), dataDir, autoApprove: autoApprove(settings) };
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
