/**
 * A provider whose account is a script: a list of messages the test adds to (as Gmail message JSON,
 * the raw payload the content step reads), a cursor that is simply "how many messages were
 * delivered", and switches for failures. It implements the real Provider interface so the sync
 * engine, the content worker, the scheduler and the outbox run their real code against it.
 */
import type { gmail_v1 } from '@googleapis/gmail';
import type { FetchPage, ProviderAction, ProviderDefinition, ProviderSession } from '../../../src/main/providers/provider';
import { AuthExpiredError, ProviderError, RateLimitedError } from '../../../src/main/errors';
import { emailItemFromGmail } from '../../../src/main/content/gmail-payload';
import type { EmailItem } from '../../../src/main/items/provider-item';

/** A scripted message: Gmail's JSON (format=full). */
export type ScriptedMessage = gmail_v1.Schema$Message & { id: string };

/** The scripted account and its knobs. */
export interface ScriptedAccount {
  items: ScriptedMessage[];
  withdrawn: string[];
  /** Addresses the person wrote to, reported with every fetch (known correspondents). */
  sent: string[];
  /** Thrown by the next fetch (then cleared). */
  failNextFetch: Error | null;
  fetchCalls: number;
  actions: ProviderAction[];
  /** Items whose actions already took effect at the "provider". */
  applied: Set<string>;
  /** Called inside the fetch, to let a test act mid-sync. */
  duringFetch?: () => Promise<void>;
  /** Messages per page (default: all in one page). */
  pageSize?: number;
}

/** Creates an empty account. */
export function createScriptedAccount(): ScriptedAccount {
  return { items: [], withdrawn: [], sent: [], failNextFetch: null, fetchCalls: 0, actions: [], applied: new Set() };
}

/** A provider definition (type `notion`, unused by the real registry) over the account. */
export function scriptedProvider(account: ScriptedAccount): ProviderDefinition {
  return {
    type: 'notion',
    label: 'Scripted',
    kind: 'file',
    itemType: 'email',
    defaultSettings: { syncFrequencyMinutes: 15, autoGenerate: true, markReadOnDone: true },
    inspectPath: async (path) => ({ accountId: path, accountEmail: 'me@example.com', displayName: path, grantedScopes: [] }),
    writeBackActions: (event, item, settings) => (event === 'done' && item.type === 'email' && settings.markReadOnDone ? [{ kind: 'mark_read', target: { messageId: item.id } }] : []),
    createClient: () => ({
      async *fetchPages(cursor: unknown, session: ProviderSession): AsyncGenerator<FetchPage> {
        account.fetchCalls += 1;
        session.meter.record('list', 5);
        const failure = account.failNextFetch;
        account.failNextFetch = null;
        if (failure) throw failure;
        await account.duringFetch?.();
        const from = typeof cursor === 'number' ? cursor : 0;
        const end = account.items.length;
        const size = account.pageSize ?? Math.max(1, end - from);
        for (let start = from; start === from || start < end; start += size) {
          const stop = Math.min(end, start + size);
          const raw = account.items.slice(start, stop).filter((item) => !session.isKnown(item.id)).map((message) => ({ kind: 'gmail-message' as const, message }));
          yield { raw, quarantined: [], filtered: [], withdrawn: stop === end ? [...account.withdrawn] : [], correspondents: start === from ? [...account.sent] : undefined, cursor: stop };
        }
      },
      async hasChanges(cursor: unknown, session: ProviderSession) {
        session.meter.record('check', 2);
        return (typeof cursor === 'number' ? cursor : 0) < account.items.length;
      },
      async runAction(action: ProviderAction) {
        account.actions.push(action);
        account.applied.add(`${action.kind}:${action.target.messageId}`);
      },
      async isApplied(action: ProviderAction) {
        return account.applied.has(`${action.kind}:${action.target.messageId}`);
      },
    }),
  };
}

let counter = 0;

/** How a scripted message differs from the default one. */
export interface ScriptedOverrides {
  id?: string;
  threadKey?: string;
  subject?: string;
  /** `Name <address>` as the header says it, or a person. */
  from?: string | { name: string | null; address: string };
  /** List and bulk headers (List-Unsubscribe, Precedence, Auto-Submitted, List-Id, List-Post); null or absent: not sent. */
  headers?: Partial<Record<'listUnsubscribe' | 'precedence' | 'autoSubmitted' | 'listId' | 'listPost', string | null>>;
  date?: string;
  /** An HTML body instead of the text one (hidden text in it is found and flagged like any mail's). */
  html?: string;
  labels?: string[];
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const HEADER_NAMES = { listUnsubscribe: 'List-Unsubscribe', precedence: 'Precedence', autoSubmitted: 'Auto-Submitted', listId: 'List-Id', listPost: 'List-Post' } as const;

/** A Gmail message; `body` decides what the engine sees. */
export function scriptedEmail(body: string, overrides: ScriptedOverrides = {}): ScriptedMessage {
  counter += 1;
  const id = overrides.id ?? `msg-${counter}`;
  const date = overrides.date ?? '2026-01-05T09:00:00.000Z';
  const sender = overrides.from ?? 'Dana Reyes <dana@example.com>';
  const listHeaders = Object.entries(overrides.headers ?? {}).flatMap(([key, value]) => (value ? [{ name: HEADER_NAMES[key as keyof typeof HEADER_NAMES], value }] : []));
  const headers = [
    { name: 'From', value: typeof sender === 'string' ? sender : sender.name ? `${sender.name} <${sender.address}>` : sender.address },
    ...listHeaders,
    { name: 'To', value: 'me@example.com' },
    { name: 'Subject', value: overrides.subject ?? body.split(/[.?!]/)[0]!.slice(0, 60) },
    { name: 'Date', value: new Date(date).toUTCString() },
  ];
  const [type, content] = overrides.html ? ['text/html', overrides.html] : ['text/plain', body];
  const payload: gmail_v1.Schema$MessagePart = { partId: '', mimeType: type, filename: '', headers: [...headers, { name: 'Content-Type', value: `${type}; charset=UTF-8` }], body: { size: content.length, data: base64url(content) } };
  return { id, threadId: overrides.threadKey ?? `thread-${id}`, labelIds: overrides.labels ?? ['INBOX', 'UNREAD'], snippet: body.slice(0, 100), internalDate: String(Date.parse(date)), payload };
}

/** The item the content step makes of a scripted message (for unit tests of what comes after it). */
export function scriptedEmailItem(body: string, overrides: ScriptedOverrides = {}): EmailItem {
  return emailItemFromGmail(scriptedEmail(body, overrides), { selfAddresses: ['me@example.com'] });
}

/** Errors a test can make the next fetch throw. */
export const scriptedFailures = {
  authExpired: () => new AuthExpiredError(),
  rateLimited: (retryAfterMs: number) => new RateLimitedError('slow down', retryAfterMs),
  unavailable: () => new ProviderError('unavailable', 'The provider is down.', 503),
};
