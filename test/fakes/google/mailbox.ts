/**
 * The fake Gmail mailbox: messages, labels and the mailbox-wide history log. Every add, label
 * change and delete takes the next history id and writes a history record, as Gmail does, so
 * `history.list` clients see exactly the changes the test made.
 */
import { type GmailPart, type LeafPart, type MailHeader, buildPayload, headerValue, snippetOf, splitEntity, parseHeaders } from './mime-parser';
import { type FakeMessageView } from './types';

/** A message as stored: raw bytes plus everything Gmail derives from them. */
export interface StoredMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  historyId: number;
  internalDate: number;
  raw: Buffer;
  headers: MailHeader[];
  payload: GmailPart;
  leaves: LeafPart[];
  snippet: string;
  searchText: string;
  hasAttachment: boolean;
}

type MessageRef = { id: string; threadId: string; labelIds?: string[] };

/** One history record in Gmail's JSON shape (the `id` is a number here, a string on the wire). */
export interface HistoryRecord {
  id: number;
  messages: Array<{ id: string; threadId: string }>;
  messagesAdded?: Array<{ message: MessageRef }>;
  messagesDeleted?: Array<{ message: MessageRef }>;
  labelsAdded?: Array<{ message: MessageRef; labelIds: string[] }>;
  labelsRemoved?: Array<{ message: MessageRef; labelIds: string[] }>;
}

/** A label as `labels.list` returns it. */
export interface GmailLabel {
  id: string;
  name: string;
  type: 'system' | 'user';
}

const systemLabels = [
  'INBOX', 'SPAM', 'TRASH', 'UNREAD', 'STARRED', 'IMPORTANT', 'SENT', 'DRAFT', 'CHAT',
  'CATEGORY_PERSONAL', 'CATEGORY_SOCIAL', 'CATEGORY_PROMOTIONS', 'CATEGORY_UPDATES', 'CATEGORY_FORUMS',
];

/** Messages, labels and history of one Gmail account. */
export class Mailbox {
  /** `${messageId}:${label}` -> how many modify requests asked to remove that label. */
  readonly removalRequests = new Map<string, number>();
  /** Told of every history record (Gmail's watch publishes from here): the new history id and the message's labels. */
  readonly changeListeners: Array<(historyId: number, labelIds: readonly string[]) => void> = [];

  readonly messages = new Map<string, StoredMessage>();
  readonly labels = new Map<string, GmailLabel>(systemLabels.map((id) => [id, { id, name: id, type: 'system' as const }]));
  private history: HistoryRecord[] = [];
  private counter = 0;
  /** The mailbox's current history id (profile.historyId, history.list historyId). */
  historyId: number;
  /** Oldest start id `history.list` still serves; anything older gets 404. */
  historyFloor: number;

  constructor(
    startHistoryId: number,
    private readonly historyLimit: number,
    private readonly now: () => number,
  ) {
    this.historyId = startHistoryId;
    this.historyFloor = startHistoryId;
  }

  /** Stores raw mail; Gmail derives id, thread, snippet and size from it. */
  add(raw: Buffer, options: { labelIds?: string[]; threadId?: string; internalDate?: number; id?: string }): StoredMessage {
    // Gmail ids are hex of (receive time << 20 | counter): 16 hex digits that grow with time.
    const id = options.id ?? ((BigInt(this.now()) << 20n) + BigInt(++this.counter % 1_048_576)).toString(16);
    const headers = parseHeaders(splitEntity(raw).headerText);
    const leaves: LeafPart[] = [];
    const payload = buildPayload(raw, id, leaves);
    const dateHeader = Date.parse(headerValue(headers, 'Date') ?? '');
    const labelIds = (options.labelIds ?? ['INBOX', 'UNREAD']).map((label) => this.ensureLabel(label));
    const message: StoredMessage = {
      id,
      threadId: options.threadId ?? this.threadFor(headers) ?? id,
      labelIds: [...new Set(labelIds)],
      historyId: 0,
      internalDate: options.internalDate ?? (Number.isNaN(dateHeader) ? this.now() : dateHeader),
      raw,
      headers,
      payload,
      leaves,
      snippet: snippetOf(leaves),
      searchText: this.searchTextOf(headers, leaves),
      hasAttachment: leaves.some((leaf) => leaf.filename !== ''),
    };
    this.messages.set(id, message);
    message.historyId = this.record({ messagesAdded: [{ message: this.ref(message, true) }] }, message);
    return message;
  }

  /** Adds/removes labels; records one history record when something changed. Returns false for unknown labels. */
  modify(message: StoredMessage, add: string[], remove: string[]): boolean {
    if ([...add, ...remove].some((label) => !this.labels.has(label))) return false;
    // Every request to remove a label counts, effective or not: crash tests check actions ran at most once.
    for (const label of new Set(remove)) this.removalRequests.set(`${message.id}:${label}`, (this.removalRequests.get(`${message.id}:${label}`) ?? 0) + 1);
    const added = [...new Set(add)].filter((label) => !message.labelIds.includes(label) && !remove.includes(label));
    const removed = [...new Set(remove)].filter((label) => message.labelIds.includes(label));
    if (added.length === 0 && removed.length === 0) return true;
    message.labelIds = [...message.labelIds.filter((label) => !removed.includes(label)), ...added];
    const entry: Partial<HistoryRecord> = {};
    if (added.length > 0) entry.labelsAdded = [{ message: this.ref(message, true), labelIds: added }];
    if (removed.length > 0) entry.labelsRemoved = [{ message: this.ref(message, true), labelIds: removed }];
    message.historyId = this.record(entry, message);
    return true;
  }

  /** Deletes a message permanently (history: messagesDeleted). */
  delete(id: string): boolean {
    const message = this.messages.get(id);
    if (!message) return false;
    this.messages.delete(id);
    this.record({ messagesDeleted: [{ message: this.ref(message, false) }] }, message);
    return true;
  }

  /** Label id for an id or a name; unknown names become user labels whose id is the given text. */
  ensureLabel(idOrName: string): string {
    const known = this.resolveLabel(idOrName);
    if (known) return known;
    this.labels.set(idOrName, { id: idOrName, name: idOrName, type: 'user' });
    return idOrName;
  }

  /** Label id for an id or a (case-insensitive) name, as `label:` in queries accepts both. */
  resolveLabel(idOrName: string): string | undefined {
    if (this.labels.has(idOrName)) return idOrName;
    const lower = idOrName.toLowerCase().replace(/-/g, ' ');
    for (const label of this.labels.values()) {
      if (label.id.toLowerCase() === idOrName.toLowerCase() || label.name.toLowerCase().replace(/-/g, ' ') === lower) return label.id;
    }
    return undefined;
  }

  /** Records with id > start, or `'expired'` when start is older than what is retained. */
  historySince(start: number): HistoryRecord[] | 'expired' {
    if (start < this.historyFloor) return 'expired';
    return this.history.filter((record) => record.id > start);
  }

  /** Forgets history up to `upToHistoryId` (default: all of it) so older start ids get 404. */
  truncateHistory(upToHistoryId = this.historyId): void {
    this.historyFloor = Math.max(this.historyFloor, upToHistoryId);
    this.history = this.history.filter((record) => record.id > this.historyFloor);
  }

  /** Messages newest first (internalDate, then id), as `messages.list` orders them. */
  sorted(): StoredMessage[] {
    return [...this.messages.values()].sort((a, b) => b.internalDate - a.internalDate || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }

  /** The view a test reads through `getMessage`. */
  view(message: StoredMessage): FakeMessageView {
    return {
      id: message.id,
      threadId: message.threadId,
      labelIds: [...message.labelIds],
      historyId: String(message.historyId),
      internalDate: String(message.internalDate),
      snippet: message.snippet,
      sizeEstimate: message.raw.length,
      raw: message.raw,
    };
  }

  private ref(message: StoredMessage, withLabels: boolean): MessageRef {
    const ref: MessageRef = { id: message.id, threadId: message.threadId };
    if (withLabels) ref.labelIds = [...message.labelIds];
    return ref;
  }

  private record(entry: Partial<HistoryRecord>, message: StoredMessage): number {
    const id = ++this.historyId;
    this.history.push({ id, messages: [{ id: message.id, threadId: message.threadId }], ...entry });
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(0, this.history.length - this.historyLimit);
      this.historyFloor = Math.max(this.historyFloor, dropped[dropped.length - 1]!.id);
    }
    for (const listener of this.changeListeners) listener(id, message.labelIds);
    return id;
  }

  // Threads follow In-Reply-To / References to a stored Message-ID, as Gmail threads replies.
  private threadFor(headers: MailHeader[]): string | undefined {
    const refs: string[] = `${headerValue(headers, 'In-Reply-To') ?? ''} ${headerValue(headers, 'References') ?? ''}`.match(/<[^>]+>/g) ?? [];
    if (refs.length === 0) return undefined;
    for (const message of this.messages.values()) {
      const own = headerValue(message.headers, 'Message-ID');
      if (own && refs.includes(own.trim())) return message.threadId;
    }
    return undefined;
  }

  private searchTextOf(headers: MailHeader[], leaves: LeafPart[]): string {
    const parts: string[] = ['From', 'To', 'Cc', 'Subject'].map((name) => headerValue(headers, name) ?? '');
    for (const leaf of leaves) if (leaf.mimeType.startsWith('text/') && !leaf.filename) parts.push(leaf.data.toString('utf8'));
    for (const leaf of leaves) if (leaf.filename) parts.push(leaf.filename);
    return parts.join('\n').toLowerCase();
  }
}
