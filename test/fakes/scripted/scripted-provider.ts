/**
 * A provider whose account is a script: a list of items the test adds to, a cursor that is simply
 * "how many items were delivered", and switches for failures. It implements the real Provider
 * interface so the sync engine, scheduler and outbox run their real code against it.
 */
import type { ProviderAction, ProviderDefinition, ProviderSession } from '../../../src/main/providers/provider';
import type { EmailItem, ProviderItem } from '../../../src/main/items/provider-item';
import { AuthExpiredError, ProviderError, RateLimitedError } from '../../../src/main/errors';

/** The scripted account and its knobs. */
export interface ScriptedAccount {
  items: ProviderItem[];
  withdrawn: string[];
  /** Addresses the person wrote to, reported with every fetch (known correspondents). */
  sent: string[];
  /** Thrown by the next fetch (then cleared). */
  failNextFetch: Error | null;
  fetchCalls: number;
  actions: ProviderAction[];
  /** Items whose actions already took effect at the "provider". */
  applied: Set<string>;
  /** Called inside fetchChanges, to let a test act mid-sync. */
  duringFetch?: () => Promise<void>;
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
      async fetchChanges(cursor: unknown, session: ProviderSession) {
        account.fetchCalls += 1;
        session.meter.record('list', 5);
        const failure = account.failNextFetch;
        account.failNextFetch = null;
        if (failure) throw failure;
        await account.duringFetch?.();
        const from = typeof cursor === 'number' ? cursor : 0;
        const items = account.items.slice(from).filter((item) => !session.isKnown(item.id));
        return { items, quarantined: [], filtered: [], withdrawn: [...account.withdrawn], correspondents: [...account.sent], nextCursor: account.items.length };
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

/** An email item; `body` decides what the engine sees. */
export function scriptedEmail(body: string, overrides: Partial<EmailItem> = {}): EmailItem {
  counter += 1;
  const id = overrides.id ?? `msg-${counter}`;
  return {
    type: 'email',
    id,
    threadKey: overrides.threadKey ?? `thread-${id}`,
    date: '2026-01-05T09:00:00.000Z',
    link: `https://mail.example.com/${id}`,
    from: { name: 'Dana Reyes', address: 'dana@example.com' },
    to: [{ name: null, address: 'me@example.com' }],
    cc: [],
    subject: overrides.subject ?? body.split(/[.?!]/)[0]!.slice(0, 60),
    snippet: body.slice(0, 100),
    bodyText: body,
    labels: ['INBOX', 'UNREAD'],
    headers: { listUnsubscribe: null, precedence: null, autoSubmitted: null },
    contentFlags: [],
    ...overrides,
  };
}

/** Errors a test can make the next fetch throw. */
export const scriptedFailures = {
  authExpired: () => new AuthExpiredError(),
  rateLimited: (retryAfterMs: number) => new RateLimitedError('slow down', retryAfterMs),
  unavailable: () => new ProviderError('unavailable', 'The provider is down.', 503),
};
