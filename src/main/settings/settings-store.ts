/**
 * App settings: a schema-validated view over a platform store (electron-store in the app, a JSON file
 * headless). Secrets never live here; they go to the vault.
 */
import { AppSettingsSchema, type AppSettings } from '../../shared/models';

/** Raw persistence the platform provides. */
export interface SettingsBackend {
  read(): unknown;
  write(settings: AppSettings): void;
}

/** Defaults for a fresh install. */
export function defaultSettings(timeZone: string): AppSettings {
  return {
    engine: 'auto',
    llmBaseUrl: '',
    llmModel: '',
    autoApproveEnabled: true,
    autoApproveThreshold: 0.85,
    notificationsEnabled: true,
    syncPaused: false,
    launchAtLogin: false,
    allowWeakSecretStorage: false,
    timeZone,
    remindersEnabled: true,
    reminderLeadMinutes: 15,
    gmailClientId: '',
    googleCalendarClientId: '',
    slackClientId: '',
    firstRunDismissed: false,
  };
}

/**
 * Reads settings field by field so one bad value (hand-edited file, older version) falls back to its
 * default instead of wiping every other setting.
 */
export function readSettings(raw: unknown, defaults: AppSettings): AppSettings {
  const source = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const result: Record<string, unknown> = { ...defaults };
  const shape = AppSettingsSchema.shape;
  for (const key of Object.keys(shape) as Array<keyof AppSettings>) {
    if (!(key in source)) continue;
    const parsed = shape[key].safeParse(source[key]);
    if (parsed.success) result[key] = parsed.data;
  }
  return AppSettingsSchema.parse(result);
}

/** Settings service over a backend. */
export function createSettingsStore(backend: SettingsBackend, timeZone: string) {
  const defaults = defaultSettings(timeZone);
  let cache = readSettings(backend.read(), defaults);
  return {
    /** Current settings. */
    get(): AppSettings {
      return cache;
    },
    /** Applies a validated patch and persists it. */
    update(patch: Partial<AppSettings>): AppSettings {
      const next = AppSettingsSchema.parse({ ...cache, ...patch });
      backend.write(next);
      cache = next;
      return next;
    },
  };
}

/** The settings service's type. */
export type SettingsStore = ReturnType<typeof createSettingsStore>;
