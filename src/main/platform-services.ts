/**
 * What the core needs from its host: the Electron app (src/main/platform) or the headless Node host
 * (src/host). Everything here is an interface, so the core itself never imports electron.
 */
import type { Worker } from 'node:worker_threads';
import type { Clock } from './clock';
import type { SecretCipher } from './auth/secret-cipher';
import type { LogSink } from './logging/logger';
import type { SettingsBackend } from './settings/settings-store';

/** A notification the core asks the platform to show. */
export interface AppNotification {
  title: string;
  body: string;
  /** Screen to open when the person clicks it. */
  screen: 'suggestions' | 'integrations' | 'activity' | 'settings';
}

/** Services a host provides to the core. */
export interface PlatformServices {
  /** Folder holding the database, logs and key file. */
  dataDir: string;
  /** Folder of the numbered SQL migrations. */
  migrationsDir: string;
  /** Folder of bundled resources (sample mailbox and calendar, icons). */
  resourcesDir: string;
  /**
   * Starts the content worker thread (sync/worker/content-worker.ts): the built file next to the
   * main bundle in the app, the TypeScript source through tsx in the headless host.
   */
  startContentWorker(): Worker;
  cipher: SecretCipher;
  settingsBackend: SettingsBackend;
  /** Opens a URL in the system browser (already checked by the caller). */
  openExternal(url: string): Promise<void>;
  /** Shows a native notification. */
  notify(notification: AppNotification): void;
  /** Brings the app window to the front (after an OAuth redirect). */
  focusApp(): void;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  logSink: LogSink;
  headless: boolean;
  version: string;
  platform: string;
  timeZone: string;
}
