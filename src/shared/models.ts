/**
 * Shared vocabulary of the app: enums and the DTOs that cross IPC.
 * Imported by main, preload and renderer alike, so nothing here may touch Node, the DOM or electron.
 */
import { z } from 'zod';

/** Every source the app knows how to read (ProviderType in the original description). */
export const ProviderTypeSchema = z.enum([
  'gmail',
  'google_calendar',
  'google_tasks',
  'slack',
  'notion',
  'mail_files',
  'calendar_files',
]);
/** A provider identifier such as `gmail`. */
export type ProviderType = z.infer<typeof ProviderTypeSchema>;

/** Services one Google sign-in can cover (each becomes an integration sharing the account's tokens). */
export const GoogleServiceSchema = z.enum(['gmail', 'google_calendar', 'google_tasks']);
/** A Google service of an account. */
export type GoogleService = z.infer<typeof GoogleServiceSchema>;

/** Sign-ins shared by several services (only Google for now). */
export type AccountFamily = 'google';

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

/**
 * The app's screens (the one list: navigation events, notifications and the renderer's menu use it).
 * A plain union, not a zod enum, so the renderer can use it without bundling zod.
 */
export type Screen = 'suggestions' | 'tasks' | 'integrations' | 'activity' | 'settings';

/** Provider actions the outbox can run. */
export const OutboxKindSchema = z.enum(['mark_read', 'archive', 'react', 'tasks_insert', 'tasks_patch', 'tasks_delete']);
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

// Cloud Pub/Sub names: a project id (6-30 lower-case letters, digits, hyphens; starts with a letter)
// and a resource id (3-255 characters, starts with a letter). '' turns Gmail push off.
const PUBSUB_PROJECT = '[a-z][a-z0-9-]{4,28}[a-z0-9]';
const PUBSUB_RESOURCE = "[A-Za-z][A-Za-z0-9._~+%-]{2,254}";
/** `projects/P/topics/T`: where Gmail publishes the account's changes. */
export const PUSH_TOPIC_PATTERN = new RegExp(`^projects/${PUBSUB_PROJECT}/topics/${PUBSUB_RESOURCE}$`);
/** `projects/P/subscriptions/S`: the pull subscription the app reads them from. */
export const PUSH_SUBSCRIPTION_PATTERN = new RegExp(`^projects/${PUBSUB_PROJECT}/subscriptions/${PUBSUB_RESOURCE}$`);

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
    /** Google Tasks: the list approved tasks go to (`@default` is the person's default list). */
    taskListId: z.string().min(1).max(200),
    path: z.string().min(1).max(4096),
    pushTopic: z.union([z.literal(''), z.string().max(400).regex(PUSH_TOPIC_PATTERN, 'The topic must look like projects/PROJECT/topics/TOPIC.')]),
    pushSubscription: z.union([
      z.literal(''),
      z.string().max(400).regex(PUSH_SUBSCRIPTION_PATTERN, 'The subscription must look like projects/PROJECT/subscriptions/SUBSCRIPTION.'),
    ]),
  })
  .partial()
  .strict();
/** Settings of one integration. */
export type IntegrationSettings = z.infer<typeof IntegrationSettingsSchema>;

/** How the feed marks an account: its label and colour. */
export interface AccountChipDto {
  id: number;
  label: string;
  colour: string;
}

/** One service of a Google account, as the account's card shows it. */
export interface AccountServiceDto {
  provider: GoogleService;
  label: string;
  /** The integration of this service, or null when it was never turned on for the account. */
  integrationId: number | null;
  status: ConnectionStatus | null;
  /** Whether the account's granted scopes already cover this service (turning it on needs no consent). */
  granted: boolean;
}

/** A Google account: one sign-in, several services. */
export interface AccountDto extends AccountChipDto {
  family: AccountFamily;
  accountEmail: string | null;
  displayName: string | null;
  grantedScopes: string[];
  services: AccountServiceDto[];
}

/** An integration as the renderer sees it: never any credential. */
export interface IntegrationDto {
  id: number;
  provider: ProviderType;
  /** The account this integration belongs to (colour and label), or null. */
  account: AccountChipDto | null;
  /** True when it signs in with its account's shared token set (a "Google account" service). */
  sharedSignIn: boolean;
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
  /** How changes arrive now: pushed by the provider (Slack Socket Mode, Gmail through Pub/Sub) or polled. */
  realtime: 'push' | 'polling';
  /** A sentence for the card: why it polls, or what pushes. */
  realtimeNote: string | null;
  /** True when reconnecting (a new consent) would turn push on. */
  realtimeNeedsReconnect: boolean;
}

/** A span of a text, in UTF-16 code units (what `String.prototype.slice` takes). */
export interface TextRange {
  start: number;
  end: number;
}

/** A short text with the spans to mark in it. */
export interface MarkedText {
  text: string;
  ranges: TextRange[];
}

/**
 * The words a search matched in one result, as ranges into the result's own fields (never markup: the
 * renderer wraps the ranges in elements, so no HTML from data is ever rendered).
 */
export interface SearchHighlights {
  title: TextRange[];
  description: TextRange[];
  /** The tags that matched. */
  tags: string[];
  /** An excerpt of the source item where it matched (subject, sender or text), when it did. */
  source: (MarkedText & { field: 'sender' | 'subject' | 'text' }) | null;
}

/** Which rows a list shows by snooze: the default view hides rows snoozed until later. */
export const SnoozeViewSchema = z.enum(['exclude', 'only', 'include']);
/** `exclude` (default view), `only` (the Snoozed view) or `include` (everything). */
export type SnoozeView = z.infer<typeof SnoozeViewSchema>;

/** Snooze presets main resolves on the person's clock and zone; anything else is an ISO date-time. */
export const SnoozePresetSchema = z.enum(['later_today', 'tomorrow_morning', 'next_week']);
/** A snooze preset. */
export type SnoozePreset = z.infer<typeof SnoozePresetSchema>;

/** One item a suggestion was made from (several when the same commitment arrived from several sources). */
export interface SuggestionSourceDto {
  integrationId: number;
  provider: ProviderType;
  itemType: ProviderItemType;
  itemId: string;
  /** Names this source to `suggestions:unmerge`: `<integrationId>:<itemId>`. */
  itemKey: string;
  preview: ItemPreview | null;
  /** Why this source joined the suggestion ("the same calendar invitation"); null for the first source. */
  mergeReason: string | null;
}

/** A suggested task waiting for (or past) review. */
export interface SuggestionDto {
  id: number;
  integrationId: number;
  provider: ProviderType;
  /** The account the item came from (colour and label in the feed), or null. */
  account: AccountChipDto | null;
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
  /** What a rule made from this suggestion could match (the feed's "never from..." choices). */
  ruleTargets: RuleTargets;
  /** Hidden from the feed until then (ISO 8601), or null. */
  snoozedUntil: string | null;
  createdAt: string;
  updatedAt: string;
  /** Present on results of a `query`. */
  highlights?: SearchHighlights;
  /**
   * Every item this suggestion stands for, itself first (INTERFACES.md §3): one entry for a plain
   * suggestion, several when the same commitment came from several sources. Present on feed and review results.
   */
  sources?: SuggestionSourceDto[];
  /** The suggestion this one was merged into (it is then not shown by itself), or null. */
  mergedInto?: number | null;
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
  /** A due date without a time: `dueAt` is 00:00 of that day in the person's zone. */
  dueAllDay: boolean;
  tags: string[];
  status: TaskStatus;
  suggestionId: number | null;
  source: TaskSourceDto | null;
  /** Hidden from the task list until then (ISO 8601), or null. */
  snoozedUntil: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  /** Present on results of a `query`. */
  highlights?: SearchHighlights;
}

/** What `tasks:quick-add` reads from a line of text (and creates). */
export interface QuickAddDraft {
  title: string;
  dueAt: string | null;
  dueAllDay: boolean;
  priority: Priority;
  tags: string[];
  /** The words read as the date ("on the 1st"), or null. */
  dateText: string | null;
}

/** Formats `export:tasks` writes. */
export const ExportFormatSchema = z.enum(['markdown', 'csv', 'json', 'ics']);
/** An export format. */
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

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

/** Hosts plain http:// may reach: this computer only (a local Ollama or LM Studio). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Why an LLM base URL is refused, or null. The key and every item's text travel to it, so it is
 * https://, or http:// only to this computer, where nothing crosses a network.
 */
export function llmBaseUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'The LLM address is not a valid URL (it looks like https://api.openai.com/v1).';
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) return null;
  return 'The LLM address must start with https://, or use http:// only for this computer (127.0.0.1, ::1 or localhost).';
}

/** The non-secret settings a person can change. */
export const AppSettingsSchema = z
  .object({
    engine: EngineChoiceSchema,
    llmBaseUrl: z
      .string()
      .max(2048)
      .superRefine((value, context) => {
        const problem = value === '' ? null : llmBaseUrlProblem(value);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }),
    llmModel: z.string().max(200),
    autoApproveEnabled: z.boolean(),
    autoApproveThreshold: z.number().min(0.5).max(1),
    notificationsEnabled: z.boolean(),
    syncPaused: z.boolean(),
    launchAtLogin: z.boolean(),
    allowWeakSecretStorage: z.boolean(),
    timeZone: z.string().max(100),
    /** Native reminders for tasks with a due time. */
    remindersEnabled: z.boolean(),
    /** How long before a due time its reminder comes (all-day tasks: 9:00 on the day). */
    reminderLeadMinutes: z.number().int().min(0).max(10_080),
    gmailClientId: z.string().max(500),
    googleCalendarClientId: z.string().max(500),
    slackClientId: z.string().max(500),
    /** The first-run flow was dismissed (or finished); Settings can show it again. */
    firstRunDismissed: z.boolean(),
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
  'slackAppToken',
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

/** What auto-approve does for one engine and item kind, and why (measured precision on held-out data). */
export interface AutoApproveStatus {
  /** `offline-v1` or an LLM model name. */
  engine: string;
  itemType: ProviderItemType;
  enabled: boolean;
  /** The confidence it applies at (the person's threshold, or higher where the engine has not earned it). */
  threshold: number;
  reason: string;
}

/** What `settings:get` returns: settings, which secrets are set (never their values), storage facts. */
export interface SettingsView {
  settings: AppSettings;
  secretsSet: Record<SecretName, boolean>;
  secretStorage: SecretStorageStatus;
  dataDir: string;
  /** Auto-approve per engine (offline, and the configured LLM model) and item kind. */
  autoApprove: AutoApproveStatus[];
}

/** What a path picker is asked for: a mailbox file, a folder of .eml files, or an .ics calendar. */
export const PathKindSchema = z.enum(['mail-file', 'mail-folder', 'calendar-file']);
/** Kind of path being chosen. */
export type PathKind = z.infer<typeof PathKindSchema>;

/** One entry of a folder as the app's own picker shows it (headless host only). */
export interface FolderEntryDto {
  name: string;
  path: string;
  type: 'folder' | 'file';
  /** Starts with a dot; the picker hides these unless asked. */
  hidden: boolean;
  /** A file of the kind asked for (folders are always opened, not chosen, except for `mail-folder`). */
  selectable: boolean;
}

/** A folder listing for the app's own picker. */
export interface FolderListingDto {
  path: string;
  /** The folder above, or null at the top of what may be browsed. */
  parent: string | null;
  entries: FolderEntryDto[];
  /** More entries than the listing holds: the rest were left out. */
  truncated: boolean;
}

/** The outcome of checking an OAuth client before signing in. */
export type ClientCheckReason = 'accepted' | 'unknown_client' | 'redirect_mismatch' | 'bad_secret' | 'not_configured' | 'refused' | 'unreachable' | 'unexpected';

/** What "Test" on the guided set-up answers: ok, a reason code, and a sentence saying what to do. */
export interface ClientCheckDto {
  ok: boolean;
  reason: ClientCheckReason;
  message: string;
}

/** What a rule does: never / always suggest from its target, or set the priority of its suggestions. */
export const RuleActionSchema = z.enum(['never', 'always', 'priority']);
/** A rule's action. */
export type RuleAction = z.infer<typeof RuleActionSchema>;

/** What a rule matches: a sender, a domain, a mailing list (List-Id), a Slack channel or a calendar. */
export const RuleScopeSchema = z.enum(['sender', 'domain', 'list', 'channel', 'calendar']);
/** A rule's scope. */
export type RuleScope = z.infer<typeof RuleScopeSchema>;

/** One of the person's rules, or one the app proposes (`status: 'proposed'`, `origin: 'learned'`). */
export interface RuleDto {
  id: number;
  action: RuleAction;
  scope: RuleScope;
  /** Normalised (lower-cased; a list's ID without its name; a channel's ID or `#name`). */
  value: string;
  /** What the person sees for the value (e.g. "#random" for a channel ID), or null. */
  label: string | null;
  priority: Priority | null;
  origin: 'person' | 'learned';
  status: 'active' | 'proposed';
  /** Items the rule has acted on. */
  hits: number;
  /** Why the app proposed it ("3 dismissed, none approved"), or null. */
  reason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What a suggestion's source can be matched on by a rule (the choices of "never from..." in the feed). */
export interface RuleTargets {
  sender: string | null;
  domain: string | null;
  list: string | null;
  channel: string | null;
  /** How the channel is shown ("#random"). */
  channelLabel: string | null;
  calendar: string | null;
}

/** Decisions on the suggestions of one group (a provider, an engine, a confidence bucket). */
export interface DecisionCounts {
  /** Suggestions that arrived (any status, withdrawals at the source excluded). */
  suggested: number;
  approved: number;
  dismissed: number;
  autoApproved: number;
  /** approved / (approved + dismissed), or null when nothing was decided. */
  approvalRate: number | null;
}

/** `stats:get`: how the person decided on suggestions (all counts over suggestions that arrived since `since`). */
export interface StatsDto {
  since: string | null;
  /** approved / decided, or null when nothing was decided. The seed's goal is at least 0.5. */
  approvalRate: number | null;
  /** The person's decisions: approved + dismissed. */
  decided: number;
  approved: number;
  dismissed: number;
  pending: number;
  /** Suggestions auto-approve turned into tasks (whatever happened after). */
  autoApproved: number;
  /** Auto-approved tasks still standing (or approved again after an undo)... */
  autoApprovedKept: number;
  /** ...and those undone: put back in the feed, dismissed, or their task deleted. */
  autoApprovedUndone: number;
  byProvider: Array<DecisionCounts & { provider: ProviderType }>;
  byEngine: Array<DecisionCounts & { engine: string }>;
  /** Ten buckets of width 0.1 (the last includes 1). */
  byConfidence: Array<{ from: number; to: number; suggested: number; approved: number; dismissed: number }>;
  /** From a suggestion's arrival in the feed to the person's decision. */
  decisionTime: { count: number; medianSeconds: number | null; p90Seconds: number | null };
}

/** `learning:status`: the personal model and the auto-approve calibration, for Settings. */
export interface LearningStatusDto {
  personalModel: {
    /** Decisions learned from since the last reset. */
    decisions: number;
    /** Increases with every saved update. */
    revision: number;
    updatedAt: string | null;
    /** How much the personal model counts against the shipped one now (0..1). */
    weight: number;
  };
  autoApprove: {
    enabled: boolean;
    /** The threshold set in Settings. */
    settingThreshold: number;
    /** The threshold in force: the setting, raised when this person's outcomes need it. */
    effectiveThreshold: number;
    /** A sentence for Settings saying what was raised and why, or null. */
    explanation: string | null;
    /** Auto-approved suggestions undone (reopened, dismissed, task deleted) among the recent ones. */
    undone: number;
    kept: number;
  };
}
