/**
 * What the core needs from its host: the Electron app (src/main/platform) or the headless Node host
 * (src/host). Everything here is an interface, so the core itself never imports electron.
 */
import type { Worker } from 'node:worker_threads';
import type { PathKind, Screen } from '../shared/models';
import type { Clock } from './clock';
import type { SecretCipher } from './auth/secret-cipher';
import type { LogSink } from './logging/logger';
import type { SettingsBackend } from './settings/settings-store';

/** A button on a notification (where the platform has them: macOS; elsewhere a click opens the app). */
export interface NotificationAction {
  id: 'done' | 'snooze';
  label: string;
}

/** A notification the core asks the platform to show. */
export interface AppNotification {
  title: string;
  body: string;
  /** Screen to open when the person clicks it. */
  screen: Screen;
  actions?: NotificationAction[];
  /** Called with the action the person chose. */
  onAction?(action: NotificationAction['id']): void;
}

/**
 * How the person chooses a local file or folder. The desktop app opens the system's dialog; a browser
 * page cannot reveal a chosen file's path, so the headless host lists folders under `roots` for the
 * app's own picker instead. Either way the chosen path goes through the provider's checks on connect.
 */
export type PathPicker = { mode: 'dialog'; pick(kind: PathKind): Promise<string | null> } | { mode: 'browse'; roots: readonly string[] };

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
  pathPicker: PathPicker;
  /**
   * Saves an export where the person chooses (the desktop app's save dialog); resolves to the path, or
   * null when they cancelled. Absent headless: the renderer downloads the content itself.
   */
  saveFile?(suggestedName: string, content: string): Promise<string | null>;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  logSink: LogSink;
  headless: boolean;
  /** A packaged release build (Electron's app.isPackaged); false in development, the headless host and tests. Packaged builds ignore endpoint overrides. */
  packaged: boolean;
  version: string;
  platform: string;
  timeZone: string;
}
