/**
 * The provider interface (OAuthProvider in the original description): how to connect an account, read its
 * changes from a cursor, and act back on it. One definition per provider folder; nothing outside
 * providers/ switches on a provider name.
 */
import type { AccountFamily, AppSettings, ClientCheckDto, IntegrationSettings, OutboxKind, ProviderItemType, ProviderType, SecretName } from '../../shared/models';
import type { StoredTokens } from '../auth/token-vault';
import type { Clock } from '../clock';
import type { AccountFacts, IntegrationRecord } from '../db/integration-repository';
import type { Logger } from '../logging/logger';
import type { RateLimiter } from './google/rate-limiter';
import type { ProviderItem } from '../items/provider-item';
import type { RawItem } from '../content/raw-item';

/** Counts API calls and quota units for the sync log. */
export interface UsageMeter {
  /** Records one HTTP request (`httpRequests`, default 1) costing `units` quota units. */
  record(call: string, units: number, httpRequests?: number): void;
  readonly apiCalls: number;
  readonly quotaUnits: number;
}

/** What a provider gets while it syncs or acts. */
export interface ProviderSession {
  integration: IntegrationRecord;
  /** The integration's settings with the provider's defaults filled in. */
  settings: Required<Pick<IntegrationSettings, 'syncFrequencyMinutes' | 'autoGenerate'>> & IntegrationSettings;
  /** A valid access token (refreshed single-flight); `force` after the provider answered 401. */
  accessToken(options?: { force?: boolean }): Promise<string>;
  meter: UsageMeter;
  /** True when the engine already saw this item (so its content need not be fetched again). */
  isKnown(itemId: string): boolean;
  /** The person's own addresses (from the account and settings). */
  selfAddresses: string[];
  /** True when the person's "always" rule covers this sender, so a bulk screen on headers must not drop its mail. */
  alwaysSuggestsFrom?(address: string): boolean;
  clock: Clock;
  logger: Logger;
  signal: AbortSignal;
  /** Reports progress for the UI's progress bar. */
  progress(done: number, total: number | null): void;
  /** Adds a sentence to the sync log (e.g. "History expired: ran a full resync"). */
  note(text: string): void;
  /** Waits (for rate limits); tests make it instant. Rejects when the signal aborts. */
  sleep(ms: number): Promise<void>;
}

/** An item that could not be turned into a ProviderItem, and why. */
export interface QuarantinedItem {
  itemId: string;
  itemType: ProviderItemType;
  reason: string;
}

/** An item the provider skipped on cheap evidence (bulk mail headers, categories) before fetching it whole. */
export interface FilteredItem {
  itemId: string;
  itemType: ProviderItemType;
  threadKey: string | null;
  reason: string;
}

/**
 * One page of a fetch: untrusted payloads for the content step (read in the content worker), what
 * was set aside on the way, and where the next fetch resumes once this page is saved. Pages come
 * newest first, so the first suggestions appear while older pages are still on their way.
 */
export interface FetchPage {
  raw: RawItem[];
  quarantined: QuarantinedItem[];
  filtered: FilteredItem[];
  /** Items gone or cancelled at the source: their pending suggestions are withdrawn. */
  withdrawn: string[];
  /**
   * Payloads of items changed at the source since they were judged (an edited message): a pending
   * suggestion is judged again and updated (or withdrawn when it no longer asks for anything); an item
   * never suggested is judged like a new one; reviewed suggestions stay as they are.
   */
  revised?: RawItem[];
  /**
   * The cursor to store in the same transaction as this page, so a crash resumes after it.
   * Undefined keeps the stored cursor (a page the provider cannot resume from is fetched again and
   * its saved items skipped). The last page of a fetch always sets it.
   */
  cursor?: unknown;
  /** Addresses the person wrote to, from sent mail's To/Cc headers (known correspondents for auto-approve). */
  correspondents?: string[];
}

/** What a fetch is for: the regular sync (new items, then any first sync or "load older" left unfinished), or reaching further back. */
export type FetchMode = 'sync' | 'older';

/** The fields of a task a destination (Google Tasks) receives. */
export interface TaskPayload {
  title: string;
  /** The description, a link back to the source, and the app's marker (see google-tasks/task-notes.ts). */
  notes: string;
  /** A calendar date `YYYY-MM-DD` in the person's time zone (destinations keep no time of day), or null. */
  due: string | null;
  status: 'open' | 'done';
}

/** A task as a destination holds it. */
export interface RemoteTask {
  id: string;
  listId: string;
  etag: string | null;
  /** The destination's own last-change time (RFC 3339). */
  updated: string | null;
  title: string;
  notes: string;
  due: string | null;
  status: 'open' | 'done';
  completed: string | null;
  deleted: boolean;
}

/** A write-back action as the outbox stores it. */
export interface ProviderAction {
  kind: OutboxKind;
  /** Provider-specific target (message id, channel + ts, list and task id...). */
  target: Record<string, string>;
  /** What to write, built when the action runs (the task as it is then), never stored. */
  payload?: TaskPayload;
}

/** What an action left at the provider: the destination's copy of a task, or that it is gone there. */
export interface ActionOutcome {
  remote?: RemoteTask;
  gone?: boolean;
  /** The destination already held a newer version (edited there after our last look): nothing was written. */
  superseded?: boolean;
}

/** The reading side of a task destination. */
export interface TaskDestination {
  /** The person's task lists. */
  lists(session: ProviderSession): Promise<Array<{ id: string; title: string }>>;
  /** Every task of a list changed at or after `updatedMin` (all of them when null), deleted and completed ones included. */
  changes(listId: string, updatedMin: string | null, session: ProviderSession): Promise<RemoteTask[]>;
}

/** A connected account's client for reading and acting. */
export interface ProviderClient {
  /** Pages of changes since the cursor, newest first; the first sync reaches back as far as the settings say. */
  fetchPages(cursor: unknown, session: ProviderSession, mode: FetchMode): AsyncIterable<FetchPage>;
  /**
   * Fetches items again by ID, for items whose content the app no longer has (judged again after an
   * upgrade). Items that no longer exist are simply absent from the page.
   */
  refetch?(itemIds: readonly string[], session: ProviderSession): AsyncIterable<FetchPage>;
  /** Cheap check (a couple of quota units) whether anything changed since the cursor. */
  hasChanges?(cursor: unknown, session: ProviderSession): Promise<boolean>;
  runAction(action: ProviderAction, session: ProviderSession): Promise<void | ActionOutcome>;
  /** Applies one kind of action to many targets in one request, where the provider can. */
  runBatch?(kind: ProviderAction['kind'], actions: ProviderAction[], session: ProviderSession): Promise<void>;
  /**
   * Checks at the provider whether an action already took effect (after a crash mid-action, or
   * before a retry); an outcome when it did and what it left there matters.
   */
  isApplied?(action: ProviderAction, session: ProviderSession): Promise<boolean | ActionOutcome>;
  /** Destinations (Google Tasks) only: reading lists and changes. */
  destination?: TaskDestination;
  /**
   * Turns changes the provider pushed (events of its realtime listener) into pages without reading
   * from the cursor; the pages leave the cursor as it is, since pushed events may have gaps that only
   * a read from the cursor closes (an account never synced is read from the start instead).
   */
  fetchPushed?(events: readonly unknown[], cursor: unknown, session: ProviderSession): AsyncIterable<FetchPage>;
}

/** OAuth client credentials as resolved from Settings or the environment. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string | null;
}

/** Where the loopback listener must listen for this provider. */
export interface LoopbackSpec {
  path: string;
  ports?: number[];
  dualStack?: boolean;
  redirectHost?: '127.0.0.1' | 'localhost';
}

/** The OAuth half of a provider. */
export interface OAuthSpec {
  loopback: LoopbackSpec;
  /** `extraScopes`: scopes an account's settings opt into (Gmail push: Pub/Sub), asked for on top. */
  authorizationUrl(params: { credentials: ClientCredentials; redirectUri: string; state: string; codeChallenge: string; extraScopes?: readonly string[] }): string;
  exchangeCode(params: { credentials: ClientCredentials; code: string; redirectUri: string; codeVerifier: string; grantedScope: string | null }): Promise<StoredTokens>;
  refresh(tokens: StoredTokens, credentials: ClientCredentials): Promise<StoredTokens>;
  revoke(tokens: StoredTokens, credentials: ClientCredentials): Promise<void>;
  account(tokens: StoredTokens): Promise<AccountFacts>;
  /**
   * Asks the provider, with no one signing in, whether it knows this client and accepts this redirect
   * (the guided set-up's "Test"): the authorization request a browser would make, not followed.
   */
  checkClient?(params: { credentials: ClientCredentials; redirectUri: string }): Promise<ClientCheckDto>;
  /** The sentence for an error the sign-in page sent back to the redirect (e.g. `access_denied`), or null for the generic one. */
  describeDenial?(error: string): string | null;
}

/** Where a provider's credentials come from. */
export interface CredentialSources {
  clientIdSetting: keyof Pick<AppSettings, 'gmailClientId' | 'googleCalendarClientId' | 'slackClientId'>;
  clientIdEnv: string;
  secretName: SecretName;
  secretEnv: string;
  /** Credentials of another provider to fall back on (Calendar uses Gmail's). */
  fallback?: Omit<CredentialSources, 'fallback'>;
  /** PKCE-only providers (Slack desktop) need no secret. */
  secretRequired: boolean;
}

/** Everything a provider factory receives. */
export interface ProviderContext {
  env: Readonly<Record<string, string | undefined>>;
  /**
   * The quota pacer for a key (e.g. one Gmail account), shared by every sync and write-back of that
   * key for the life of the app, so back-to-back runs never overspend a per-user quota together.
   */
  quota(key: string, unitsPerSecond: number): RateLimiter;
  /**
   * An object shared by every session of the app's lifetime under `key` (made by `create` the first
   * time), for caches that must outlive one sync, such as Slack user names between pushed events.
   */
  shared<T>(key: string, create: () => T): T;
  fetch: typeof fetch;
  clock: Clock;
  logger: Logger;
  resourcesDir: string;
}

/** What a realtime listener tells the app. */
export interface RealtimeSink {
  /**
   * Something changed for an account. `events` are the changes the source delivered (handed to
   * `fetchPushed`); none means "read from the cursor" (a notification without content).
   */
  changed(integrationId: number, events: readonly unknown[]): void;
  /** The listener was away (or just started): read everything since the cursor. */
  catchUp(integrationId: number): void;
  /** Whether changes of an account arrive by push now, with a sentence for the account's card. */
  status(integrationId: number, status: RealtimeStatus): void;
}

/** How an account learns of changes right now. */
export interface RealtimeStatus {
  mode: 'push' | 'polling';
  /** What the person should know: why it polls, or how it is pushed. */
  note: string | null;
  /** True when reconnecting the account (a new consent) would enable push. */
  needsReconnect?: boolean;
}

/** What a provider's realtime listener gets. */
export interface RealtimeDeps {
  context: ProviderContext;
  sink: RealtimeSink;
  /** A session (tokens, meter) for API calls outside a sync, e.g. Gmail's watch and Pub/Sub pulls. */
  openSession(integration: IntegrationRecord, signal: AbortSignal): Promise<{ client: ProviderClient; session: ProviderSession }>;
  /** A secret from the vault or its environment variable (e.g. Slack's app-level token), or null. */
  secret(name: SecretName, envName: string): Promise<string | null>;
  /** Waits (backoff between reconnects); tests make it short. Rejects when the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** A provider's push channel, kept in line with the connected accounts by the app. */
export interface RealtimeListener {
  /** Starts, restarts or stops listening so that exactly these accounts (connected, this provider) are served. */
  reconcile(integrations: readonly IntegrationRecord[]): Promise<void>;
  /** Stops listening (quit, or the account went away). */
  stop(): Promise<void>;
}

/** A provider. */
export interface ProviderDefinition {
  type: ProviderType;
  label: string;
  kind: 'oauth' | 'file';
  /** What its items are; absent for a destination, which has no items. */
  itemType?: ProviderItemType;
  /** `destination`: approved tasks are pushed to it and its changes pulled back (Google Tasks). Default `source`. */
  role?: 'source' | 'destination';
  /** The account family whose one sign-in can cover this provider (Google). */
  family?: AccountFamily;
  /** False for services offered only through their account's sign-in (no card of their own). */
  standalone?: boolean;
  defaultSettings: IntegrationSettings;
  credentials?: CredentialSources;
  /** True when the provider can reach further back than the first sync on demand ("Load older"). */
  loadsOlder?: boolean;
  /** Scopes without which the account is useless; a sign-in missing one is refused with a sentence. */
  requiredScopes?: string[];
  /** Scopes an account's settings opt into, asked for when it (re)connects. */
  extraScopes?(settings: IntegrationSettings): string[];
  /** The provider's push channel (Slack Socket Mode, Gmail through Pub/Sub), when it has one. */
  realtime?(deps: RealtimeDeps): RealtimeListener;
  oauth?(context: ProviderContext): OAuthSpec;
  /** File providers: checks the path and describes the "account". */
  inspectPath?(path: string): Promise<AccountFacts>;
  /** File providers: the bundled sample (a file name in the resources folder) the first-run flow connects. */
  sample?: string;
  createClient(context: ProviderContext, credentials: ClientCredentials | null): ProviderClient;
  /** The write-back actions approving or finishing a task from `item` should queue, per the settings. */
  writeBackActions(event: 'approved' | 'done', item: ProviderItem, settings: IntegrationSettings): ProviderAction[];
}

/** Several providers behind one sign-in (a Google account): one consent, one token set. */
export interface AccountFamilySpec {
  family: AccountFamily;
  label: string;
  /** The providers one sign-in of this family can cover. */
  services: ProviderType[];
  credentials: CredentialSources;
  /** Scopes every sign-in asks for, so the app knows whose account it is. */
  identityScopes: string[];
  /**
   * The OAuth spec asking for `scopes` on top of what the account granted before (incremental
   * authorization), with a hint of which account to sign in with.
   */
  oauth(context: ProviderContext, scopes: readonly string[], options: { loginHint?: string }): OAuthSpec;
}
