/**
 * Shared vocabulary of the app: enums and the DTOs that cross IPC.
 * Imported by main, preload and renderer alike, so nothing here may touch Node, the DOM or electron.
 */
import { z } from 'zod';

/** Every source the app knows how to read (ProviderType in the original description). */
export const ProviderTypeSchema = z.enum([
  'gmail',
  'google_calendar',
  'slack',
  'notion',
  'mail_files',
  'calendar_files',
]);
/** A provider identifier such as `gmail`. */
export type ProviderType = z.infer<typeof ProviderTypeSchema>;

/** Lifecycle of one connected account. */
export const ConnectionStatusSchema = z.enum([
  'connected',
  'disconnected',
  'error',
  'connecting',
  'needs_reconnect',
]);
/** Connection state of an integration. */
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

/** Where a suggestion stands (SyncStatus in the original description). Dismissed rows are tombstones. */
export const SuggestionStatusSchema = z.enum([
  'pending_approval',
  'approved',
  'dismissed',
  'auto_approved',
]);
/** Review state of a suggestion. */
export type SuggestionStatus = z.infer<typeof SuggestionStatusSchema>;

/** The kind of provider item a suggestion came from. */
export const ProviderItemTypeSchema = z.enum(['email', 'calendar_event', 'slack_message', 'notion_page']);
/** Kind of a provider item. */
export type ProviderItemType = z.infer<typeof ProviderItemTypeSchema>;

/** Task priority, lowest first. */
export const PrioritySchema = z.enum(['low', 'medium', 'high', 'urgent']);
/** Priority of a task or suggestion. */
export type Priority = z.infer<typeof PrioritySchema>;

/** A task is open until the person finishes it. */
export const TaskStatusSchema = z.enum(['open', 'done']);
/** Task state. */
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/** Outcome of one sync run. */
export const SyncLogStatusSchema = z.enum(['running', 'succeeded', 'failed', 'partial']);
/** Sync run state. */
export type SyncLogStatus = z.infer<typeof SyncLogStatusSchema>;

/** Life of a write-back action waiting in the outbox. */
export const OutboxStateSchema = z.enum(['pending', 'running', 'done', 'dead', 'cancelled']);
/** Outbox action state. */
export type OutboxState = z.infer<typeof OutboxStateSchema>;

/** Provider actions the outbox can run. */
export const OutboxKindSchema = z.enum(['mark_read', 'archive', 'react']);
/** Kind of write-back action. */
export type OutboxKind = z.infer<typeof OutboxKindSchema>;

const isoDate = z.string().min(1).max(64);

/** What the feed shows of the source item; one shape per item type. */
export const ItemPreviewSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('email'),
    from: z.string(),
    fromName: z.string().nullable(),
    subject: z.string(),
    date: isoDate.nullable(),
    snippet: z.string(),
    link: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('calendar_event'),
    title: z.string(),
    start: isoDate.nullable(),
    end: isoDate.nullable(),
    attendees: z.array(z.string()),
    location: z.string().nullable(),
    link: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('slack_message'),
    channel: z.string(),
    author: z.string(),
    text: z.string(),
    date: isoDate.nullable(),
    link: z.string().nullable(),
  }),
]);
/** Preview of the source item of a suggestion. */
export type ItemPreview = z.infer<typeof ItemPreviewSchema>;

/**
 * Per-integration settings (the original description's provider settings, camelCased).
 * All optional on input; providers fill their own defaults.
 */
export const IntegrationSettingsSchema = z
  .object({
    syncFrequencyMinutes: z.number().int().min(1).max(1440),
    autoGenerate: z.boolean(),
    filterLabels: z.array(z.string().min(1).max(100)).max(20),
    maxResults: z.number().int().min(1).max(500),
    /** How far back the first sync (and each "Load older") reaches, in days... */
    firstSyncDays: z.number().int().min(1).max(3650),
    /** ...and at most how many items it reads, whichever is smaller. */
    firstSyncMaxItems: z.number().int().min(10).max(100_000),
    query: z.string().max(500),
    markReadOnApprove: z.boolean(),
    markReadOnDone: z.boolean(),
    archiveOnDone: z.boolean(),
    lookAheadDays: z.number().int().min(1).max(90),
    prepTaskHours: z.number().int().min(0).max(168),
    reaction: z.string().regex(/^[a-z0-9_+-]{1,64}$/),
    path: z.string().min(1).max(4096),
  })
  .partial()
  .strict();
/** Settings of one integration. */
export type IntegrationSettings = z.infer<typeof IntegrationSettingsSchema>;

/** An integration as the renderer sees it: never any credential. */
export interface IntegrationDto {
  id: number;
  provider: ProviderType;
  status: ConnectionStatus;
  accountEmail: string | null;
  displayName: string | null;
  grantedScopes: string[];
  lastSyncAt: string | null;
  nextSyncAt: string | null;
  lastError: string | null;
  settings: IntegrationSettings;
  /** `waitingForModel`: items the model could not judge yet; they are tried again on the next syncs. */
  stats: { suggestionsGenerated: number; autoApproved: number; pending: number; waitingForModel: number };
  /** True when "Load older" can reach further back than the first sync did. */
  canLoadOlder: boolean;
  createdAt: string;
}

/** A suggested task waiting for (or past) review. */
export interface SuggestionDto {
  id: number;
  integrationId: number;
  provider: ProviderType;
  itemType: ProviderItemType;
  itemId: string;
  threadKey: string | null;
  title: string;
  description: string;
  priority: Priority;
  deadline: string | null;
  tags: string[];
  confidence: number;
  reasoning: string;
  model: string;
  status: SuggestionStatus;
  taskId: number | null;
  flags: string[];
  preview: ItemPreview | null;
  createdAt: string;
  updatedAt: string;
}

/** Where a task came from, so the UI can link back to it. */
export interface TaskSourceDto {
  provider: ProviderType;
  itemType: ProviderItemType;
  link: string | null;
  label: string;
}

/** One entry of the person's task list. */
export interface TaskDto {
  id: number;
  title: string;
  description: string;
  priority: Priority;
  dueAt: string | null;
  tags: string[];
  status: TaskStatus;
  suggestionId: number | null;
  source: TaskSourceDto | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

/** One sync run and its figures. */
export interface SyncLogDto {
  id: number;
  integrationId: number;
  provider: ProviderType | null;
  status: SyncLogStatus;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  itemsFetched: number;
  itemsQuarantined: number;
  suggestionsGenerated: number;
  autoApproved: number;
  apiCalls: number;
  quotaUnits: number;
  llmTokens: number;
  /** Pages saved so far: a run saves page by page, so a running row shows its progress. */
  pagesCommitted: number;
  /** Items the model could not judge in this run; they wait and are tried again. */
  itemsWaiting: number;
  error: string | null;
  notes: string[];
}

/** A write-back action as Activity shows it. */
export interface OutboxActionDto {
  id: number;
  integrationId: number;
  taskId: number | null;
  kind: OutboxKind;
  label: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Which engine turns items into suggestions. `auto` = LLM when configured, else offline. */
export const EngineChoiceSchema = z.enum(['auto', 'llm', 'offline']);
/** Engine preference. */
export type EngineChoice = z.infer<typeof EngineChoiceSchema>;

/** The non-secret settings a person can change. */
export const AppSettingsSchema = z
  .object({
    engine: EngineChoiceSchema,
    llmBaseUrl: z.string().max(2048),
    llmModel: z.string().max(200),
    autoApproveEnabled: z.boolean(),
    autoApproveThreshold: z.number().min(0.5).max(1),
    notificationsEnabled: z.boolean(),
    syncPaused: z.boolean(),
    launchAtLogin: z.boolean(),
    allowWeakSecretStorage: z.boolean(),
    timeZone: z.string().max(100),
    gmailClientId: z.string().max(500),
    googleCalendarClientId: z.string().max(500),
    slackClientId: z.string().max(500),
  })
  .strict();
/** Non-secret app settings. */
export type AppSettings = z.infer<typeof AppSettingsSchema>;

/** Names of the secrets a person can set in Settings (kept in the vault, never returned). */
export const SecretNameSchema = z.enum([
  'llmApiKey',
  'gmailClientSecret',
  'googleCalendarClientSecret',
  'slackClientSecret',
]);
/** A secret setting's name. */
export type SecretName = z.infer<typeof SecretNameSchema>;

/** How strongly secrets are protected on this machine. */
export interface SecretStorageStatus {
  backend: string;
  available: boolean;
  weak: boolean;
  explanation: string;
}

/** What `settings:get` returns: settings, which secrets are set (never their values), storage facts. */
export interface SettingsView {
  settings: AppSettings;
  secretsSet: Record<SecretName, boolean>;
  secretStorage: SecretStorageStatus;
  dataDir: string;
}
