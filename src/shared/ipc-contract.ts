/**
 * The one typed IPC contract: every channel's input schema and result type, every event's payload.
 * Main validates each payload against these schemas; the preload and the headless bridge build
 * `window.api` from the same list, so the renderer cannot call what the contract does not name.
 */
import { z } from 'zod';
import type { AppEvent, Channel } from './ipc-channels';
import {
  AppSettingsSchema,
  ExportFormatSchema,
  GoogleServiceSchema,
  IntegrationSettingsSchema,
  PathKindSchema,
  PrioritySchema,
  ProviderTypeSchema,
  RuleActionSchema,
  RuleScopeSchema,
  SecretNameSchema,
  SnoozePresetSchema,
  SnoozeViewSchema,
  SuggestionStatusSchema,
  TaskStatusSchema,
  type AccountDto,
  type AccountFamily,
  type GoogleService,
  type ClientCheckDto,
  type FolderListingDto,
  type IntegrationDto,
  type LearningStatusDto,
  type RuleDto,
  type StatsDto,
  type OutboxActionDto,
  type ProviderType,
  type QuickAddDraft,
  type Screen,
  type SettingsView,
  type SuggestionDto,
  type SuggestionStatus,
  type SyncLogDto,
  type TaskDto,
} from './models';

const id = z.number().int().positive();
const noInput = z.object({}).strict().optional();
const title = z.string().trim().min(1, 'A title is needed.').max(300);
const description = z.string().max(10_000);
const tags = z.array(z.string().trim().min(1).max(50)).max(20);
/**
 * A list input: bounded (a clear 400 instead of a query with thousands of variables) and with repeated
 * entries read once, so a batch naming a row twice does not fail on its own second half.
 */
function distinctList<T extends z.ZodType>(item: T, max: number, what: string) {
  return z
    .array(item)
    .min(1)
    .max(max, `At most ${max.toLocaleString('en-US')} ${what} at once.`)
    .transform((values) => [...new Set(values)]);
}
const suggestionIds = distinctList(id, 20_000, 'suggestions');

/** ISO 8601 date or date-time; null clears it. */
const isoDateTime = z
  .string()
  .max(64)
  .refine((value) => !Number.isNaN(Date.parse(value)), 'Not a valid date.')
  .nullable();

/** The longest search text a list accepts. */
export const MAX_QUERY_LENGTH = 500;
/** Search text: any characters (it is never passed to the index as syntax), bounded. */
const query = z.string().max(MAX_QUERY_LENGTH, `The search is too long: at most ${MAX_QUERY_LENGTH} characters.`);
/** When a snooze ends: an ISO date-time, a preset resolved on the person's clock, or null to end it now. */
const snoozeUntil = z.union([SnoozePresetSchema, z.string().max(64).refine((value) => !Number.isNaN(Date.parse(value)), 'Not a valid date.'), z.null()]);

/** Fields a person may change when editing a task or a suggestion before approving it. */
const TaskEditsSchema = z
  .object({
    title,
    description,
    priority: PrioritySchema,
    dueAt: isoDateTime,
    /** True: `dueAt` names a day, not a time. Omitted with a new `dueAt`: a timed due date. */
    dueAllDay: z.boolean(),
    tags,
  })
  .partial()
  .strict();
/** Edits to a task or suggestion. */
export type TaskEdits = z.infer<typeof TaskEditsSchema>;

/** Input schema of every channel. */
export const channelInputs = {
  'app:info': noInput,
  'integrations:list': noInput,
  'integrations:providers': noInput,
  'integrations:connect': z
    .object({
      /** A provider, or `google`: one sign-in for the ticked services of a Google account. */
      provider: z.union([ProviderTypeSchema, z.literal('google')]),
      options: z
        .object({
          path: z.string().min(1).max(4096).optional(),
          services: z.array(GoogleServiceSchema).min(1).max(3).optional(),
          /** Turn services on for this (already connected) Google account. */
          accountId: id.optional(),
        })
        .strict()
        .optional(),
      integrationId: id.optional(),
    })
    .strict()
    .refine((input) => input.provider !== 'google' || (input.options?.services?.length ?? 0) > 0, 'Tick at least one service of the Google account.'),
  'integrations:cancel-connect': z.object({ integrationId: id }).strict(),
  'integrations:disconnect': z.object({ integrationId: id }).strict(),
  'integrations:sync': z.object({ integrationId: id }).strict(),
  'integrations:load-older': z.object({ integrationId: id }).strict(),
  'integrations:update-settings': z
    .object({ integrationId: id, settings: IntegrationSettingsSchema })
    .strict(),
  'integrations:remove': z.object({ integrationId: id }).strict(),
  'integrations:task-lists': z.object({ integrationId: id }).strict(),
  'accounts:list': noInput,
  'accounts:update': z
    .object({
      accountId: id,
      label: z.string().trim().min(1, 'A label is needed.').max(60).optional(),
      colour: z.string().regex(/^#[0-9a-f]{6}$/, 'A colour like #1a73e8.').optional(),
    })
    .strict(),
  'accounts:disconnect': z.object({ accountId: id }).strict(),
  'integrations:test-client': z.object({ provider: ProviderTypeSchema }).strict(),
  'onboarding:try-sample': noInput,
  'dialog:pick-path': z.object({ kind: PathKindSchema }).strict(),
  'files:browse': z.object({ kind: PathKindSchema, path: z.string().min(1).max(4096).optional() }).strict(),
  'suggestions:list': z
    .object({
      status: z.union([SuggestionStatusSchema, distinctList(SuggestionStatusSchema, SuggestionStatusSchema.options.length, 'statuses')]).optional(),
      integrationId: id.optional(),
      provider: ProviderTypeSchema.optional(),
      minConfidence: z.number().min(0).max(1).optional(),
      limit: z.number().int().min(1).max(20_000).optional(),
      cursor: z.string().max(100).optional(),
      query: query.optional(),
      snoozed: SnoozeViewSchema.optional(),
    })
    .strict()
    .optional(),
  'suggestions:approve': z.object({ id, edits: TaskEditsSchema.optional() }).strict(),
  'suggestions:dismiss': z.object({ id }).strict(),
  'suggestions:approve-batch': z.union([
    z.object({ minConfidence: z.number().min(0).max(1), integrationId: id.optional(), provider: ProviderTypeSchema.optional() }).strict(),
    z.object({ ids: suggestionIds }).strict(),
  ]),
  'suggestions:restore': z.object({ id }).strict(),
  'suggestions:dismiss-batch': z.object({ ids: suggestionIds }).strict(),
  'suggestions:restore-batch': z.object({ ids: suggestionIds }).strict(),
  'suggestions:snooze': z.object({ id, until: snoozeUntil }).strict(),
  /** Splits one source (`itemKey` of its `sources` entry) off a merged suggestion; the two are never merged again. */
  'suggestions:unmerge': z.object({ id, itemKey: z.string().min(3).max(1200) }).strict(),
  'tasks:list': z
    .object({
      status: TaskStatusSchema.optional(),
      query: query.optional(),
      /** Default: `exclude` without a query (the list), `include` with one (search finds snoozed tasks too). */
      snoozed: SnoozeViewSchema.optional(),
      limit: z.number().int().min(1).max(20_000).optional(),
    })
    .strict()
    .optional(),
  'tasks:create': z
    .object({
      title,
      description: description.optional(),
      priority: PrioritySchema.optional(),
      dueAt: isoDateTime.optional(),
      dueAllDay: z.boolean().optional(),
      tags: tags.optional(),
    })
    .strict(),
  'tasks:snooze': z.object({ id, until: snoozeUntil }).strict(),
  'tasks:quick-add': z.object({ text: z.string().trim().min(1, 'Type what to do.').max(1000) }).strict(),
  'tasks:quick-add-preview': z.object({ text: z.string().max(1000) }).strict(),
  'export:tasks': z
    .object({ format: ExportFormatSchema, status: TaskStatusSchema.optional(), query: query.optional() })
    .strict(),
  'tasks:update': z.object({ id, edits: TaskEditsSchema }).strict(),
  'tasks:complete': z.object({ id }).strict(),
  'tasks:reopen': z.object({ id }).strict(),
  'tasks:delete': z.object({ id }).strict(),
  'sync-logs:list': z
    .object({ integrationId: id.optional(), limit: z.number().int().min(1).max(1000).optional() })
    .strict()
    .optional(),
  'outbox:list': z
    .object({ limit: z.number().int().min(1).max(1000).optional() })
    .strict()
    .optional(),
  'outbox:retry': z.object({ id }).strict(),
  'settings:get': noInput,
  'settings:set': AppSettingsSchema.partial().strict(),
  'settings:set-secret': z
    .object({ name: SecretNameSchema, value: z.string().min(1).max(10_000) })
    .strict(),
  'settings:clear-secret': z.object({ name: SecretNameSchema }).strict(),
  'settings:test-llm': noInput,
  'shell:open-external': z.object({ url: z.string().min(1).max(4096) }).strict(),
  'rules:list': noInput,
  'rules:set': z
    .object({
      action: RuleActionSchema,
      scope: RuleScopeSchema,
      value: z.string().trim().min(1, 'A rule needs a value.').max(320),
      priority: PrioritySchema.optional(),
      /** How the value is shown (e.g. "#random" for a channel ID). */
      label: z.string().trim().min(1).max(200).optional(),
    })
    .strict(),
  'rules:delete': z.object({ id }).strict(),
  'rules:accept': z.object({ id }).strict(),
  'stats:get': z.object({ since: isoDateTime.optional() }).strict().optional(),
  'learning:status': noInput,
  'learning:reset': noInput,
} satisfies Record<Channel, z.ZodType>;

/** What a provider offers on the dashboard before any account is connected. */
export interface ProviderInfoDto {
  provider: ProviderType;
  label: string;
  kind: 'oauth' | 'file';
  available: boolean;
  /** A sentence saying what is missing when `available` is false. */
  unavailableReason: string | null;
}

/** A family of services behind one sign-in, as the dashboard offers it. */
export interface AccountFamilyDto {
  family: AccountFamily;
  label: string;
  available: boolean;
  unavailableReason: string | null;
  services: Array<{ provider: GoogleService; label: string }>;
}

/** Result type of every channel. */
export interface ChannelResults {
  /**
   * `notices`: things the person must know from start-up (e.g. a damaged database was set aside).
   * `pathPicker`: `dialog` (the system's file dialog, `dialog:pick-path`) or `browse` (the app's own list, `files:browse`).
   */
  'app:info': { version: string; dataDir: string; platform: string; headless: boolean; notices: string[]; pathPicker: 'dialog' | 'browse' };
  'integrations:list': IntegrationDto[];
  'integrations:providers': ProviderInfoDto[];
  /** `integrationIds`: every service a Google account connect covers (one integration each, one shared token set). */
  'integrations:connect': { integrationId: number; integrationIds?: number[]; authorizationUrl?: string; accountId?: number };
  'integrations:cancel-connect': IntegrationDto;
  'integrations:disconnect': IntegrationDto;
  'integrations:sync': SyncLogDto;
  /** The run that read further back (newest first, in pages, bounded like a first sync). */
  'integrations:load-older': SyncLogDto;
  'integrations:update-settings': IntegrationDto;
  'integrations:remove': { integrationId: number };
  'integrations:task-lists': Array<{ id: string; title: string }>;
  'accounts:list': { families: AccountFamilyDto[]; accounts: AccountDto[] };
  'accounts:update': AccountDto;
  'accounts:disconnect': { accountId: number };
  'integrations:test-client': ClientCheckDto;
  /** The sample integrations (mailbox, calendar), after their first syncs. */
  'onboarding:try-sample': { integrationIds: number[]; suggestionsGenerated: number };
  /** Null when the person cancelled the dialog. */
  'dialog:pick-path': { path: string | null };
  'files:browse': FolderListingDto;
  /** `total` matches the filters; `counts` per status with the same filters except status. */
  'suggestions:list': {
    items: SuggestionDto[];
    nextCursor: string | null;
    total: number;
    counts: Record<SuggestionStatus, number>;
    /** Pending suggestions snoozed until later, with the same filters (the Snoozed view's size). */
    snoozed: number;
    /** With a query that matched more than 2,000 rows: the counts are lower bounds ("2,000+"). */
    countsAtLeast?: boolean;
  };
  'suggestions:approve': TaskDto;
  'suggestions:dismiss': SuggestionDto;
  'suggestions:approve-batch': TaskDto[];
  'suggestions:restore': SuggestionDto;
  'suggestions:dismiss-batch': SuggestionDto[];
  'suggestions:restore-batch': SuggestionDto[];
  'suggestions:snooze': SuggestionDto;
  /** `suggestion`: what is left of the merged one; `split`: the source split off, now a suggestion of its own. */
  'suggestions:unmerge': { suggestion: SuggestionDto; split: SuggestionDto };
  'tasks:list': TaskDto[];
  'tasks:create': TaskDto;
  'tasks:snooze': TaskDto;
  'tasks:quick-add': TaskDto;
  'tasks:quick-add-preview': QuickAddDraft | null;
  /** `savedTo`: the file the desktop app saved through its dialog (null: the person cancelled); absent headless. */
  'export:tasks': { filename: string; mimeType: string; content: string; savedTo?: string | null };
  'tasks:update': TaskDto;
  'tasks:complete': TaskDto;
  'tasks:reopen': TaskDto;
  'tasks:delete': { id: number };
  'sync-logs:list': SyncLogDto[];
  'outbox:list': OutboxActionDto[];
  'outbox:retry': OutboxActionDto;
  'settings:get': SettingsView;
  'settings:set': SettingsView;
  'settings:set-secret': SettingsView;
  'settings:clear-secret': SettingsView;
  'settings:test-llm': { ok: boolean; model: string; message: string };
  'shell:open-external': { opened: boolean };
  'rules:list': RuleDto[];
  'rules:set': RuleDto;
  'rules:delete': { id: number };
  'rules:accept': RuleDto;
  'stats:get': StatsDto;
  'learning:status': LearningStatusDto;
  /** Forgets the personal model (the shipped model alone judges again); rules and history stay. */
  'learning:reset': LearningStatusDto;
}

/** Payload of every main -> renderer event. */
export interface EventPayloads {
  'sync:progress': {
    integrationId: number;
    phase: 'fetching' | 'generating' | 'saving' | 'done' | 'failed';
    done: number;
    total: number | null;
    message: string | null;
  };
  'suggestions:changed': { integrationId: number | null };
  'integrations:changed': { integrationId: number | null };
  'tasks:changed': { taskId: number | null };
  'outbox:changed': { actionId: number | null };
  'app:navigate': { screen: Screen };
  /** A rule was set, deleted or accepted, or the app proposed one. */
  'rules:changed': Record<string, never>;
  /** A task's reminder came due (once per reminder; `late` when it fired after its time, e.g. on wake). */
  'reminder:due': { taskId: number; title: string; dueAt: string; dueAllDay: boolean; fireAt: string; late: boolean };
}

/** What a caller passes to a channel. */
export type ChannelInput<C extends Channel> = z.input<(typeof channelInputs)[C]>;
/** What a handler receives after validation. */
export type ParsedInput<C extends Channel> = z.output<(typeof channelInputs)[C]>;
/** What a channel resolves to. */
export type ChannelResult<C extends Channel> = ChannelResults[C];
/** Payload of an event. */
export type EventPayload<E extends AppEvent> = EventPayloads[E];

/** Error codes a channel call can fail with. */
export type ApiErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'not_configured'
  | 'provider_error'
  | 'unauthorized'
  | 'internal';

/** The wire shape of a failed call, the same over Electron IPC and the HTTP bridge. */
export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
}

/** Envelope every Electron IPC reply uses, so errors keep their code across the boundary. */
export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

type CamelCase<S extends string> = S extends `${infer Head}:${infer Tail}`
  ? `${CamelCase<Head>}${Capitalize<CamelCase<Tail>>}`
  : S extends `${infer Head}-${infer Tail}`
    ? `${Head}${Capitalize<CamelCase<Tail>>}`
    : S;

type ChannelFunction<C extends Channel> = undefined extends ChannelInput<C>
  ? (input?: ChannelInput<C>) => Promise<ChannelResult<C>>
  : (input: ChannelInput<C>) => Promise<ChannelResult<C>>;

/** `window.api`: one named function per channel plus an event subscription. */
export type Api = { [C in Channel as CamelCase<C>]: ChannelFunction<C> } & {
  onEvent<E extends AppEvent>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
