/**
 * The fake's Cloud Pub/Sub and Gmail's watch on it. Topics fan messages out to their
 * subscriptions; a pull takes up to maxMessages with fresh ack ids and waits (a bounded long poll)
 * when none are there; an unacknowledged message comes back after the ack deadline with
 * `deliveryAttempt` counting up. Gmail's watch publishes `{emailAddress, historyId}` for mailbox
 * changes that touch the watched labels, at most one a second per mailbox as Gmail documents
 * (the rest are dropped), and expires after its lifetime.
 */
import { randomBytes } from 'node:crypto';

/** A message as a subscription holds it. */
interface QueuedMessage {
  messageId: string;
  data: string;
  publishTime: string;
  publishedAt: number;
  deliveryAttempt: number;
}

interface Subscription {
  topic: string;
  /** Whether the signed-in person holds roles/pubsub.subscriber on it. */
  readable: boolean;
  ackDeadlineMs: number;
  ready: QueuedMessage[];
  outstanding: Map<string, { message: QueuedMessage; deadline: number }>;
  waiters: Array<() => void>;
}

/** Gmail's active watch of the one mailbox. */
export interface GmailWatch {
  topicName: string;
  labelIds: string[];
  behavior: 'include' | 'exclude';
  expiresAt: number;
}

/** Settings of the fake Pub/Sub. */
export interface PubSubOptions {
  /** The project of the OAuth client; watch refuses topics of other projects (default `fake-project`). */
  projectId?: string;
  /** How long a pull waits for messages before answering empty (default 10 s). */
  pullHoldMs?: number;
  /** Delay between a publish and the message becoming pullable (default 0). */
  deliveryDelayMs?: number;
  /** Lifetime of a Gmail watch (default 7 days). */
  watchLifetimeMs?: number;
  /** Ack deadline of new subscriptions (default 10 s). */
  ackDeadlineMs?: number;
}

/** One published notification, for latency measurements. */
export interface PublishRecord {
  messageId: string;
  topic: string;
  historyId: number;
  at: number;
}

/** Topics, subscriptions and the Gmail watch. */
export class PubSub {
  readonly projectId: string;
  readonly topics = new Map<string, { gmailMayPublish: boolean }>();
  readonly subscriptions = new Map<string, Subscription>();
  readonly published: PublishRecord[] = [];
  /** Notifications Gmail dropped for exceeding one a second. */
  dropped = 0;
  watch: GmailWatch | null = null;
  private lastNotificationAt = -Infinity;
  private readonly timers = new Set<NodeJS.Timeout>();
  options: Required<Omit<PubSubOptions, 'projectId'>>;

  constructor(
    private readonly emailAddress: string,
    private readonly now: () => number,
    options: PubSubOptions = {},
  ) {
    this.projectId = options.projectId ?? 'fake-project';
    this.options = {
      pullHoldMs: options.pullHoldMs ?? 10_000,
      deliveryDelayMs: options.deliveryDelayMs ?? 0,
      watchLifetimeMs: options.watchLifetimeMs ?? 7 * 86_400_000,
      ackDeadlineMs: options.ackDeadlineMs ?? 10_000,
    };
  }

  /** Control: a topic, and whether gmail-api-push@system.gserviceaccount.com may publish to it. */
  createTopic(name: string, gmailMayPublish = true): void {
    this.topics.set(name, { gmailMayPublish });
  }

  /** Control: a pull subscription on a topic (`readable` false: the person lacks the subscriber role). */
  createSubscription(name: string, topic: string, readable = true): void {
    if (!this.topics.has(topic)) throw new Error(`no topic ${topic}`);
    this.subscriptions.set(name, { topic, readable, ackDeadlineMs: this.options.ackDeadlineMs, ready: [], outstanding: new Map(), waiters: [] });
  }

  /** Publishes to every subscription of a topic. */
  publish(topic: string, data: Buffer): string {
    const messageId = String(BigInt(this.now()) * 1000n + BigInt(randomBytes(2).readUInt16BE() % 1000));
    const message = { messageId, data: data.toString('base64'), publishTime: new Date(this.now()).toISOString(), publishedAt: this.now(), deliveryAttempt: 0 };
    const deliver = () => {
      for (const subscription of this.subscriptions.values()) {
        if (subscription.topic !== topic) continue;
        subscription.ready.push({ ...message });
        for (const wake of subscription.waiters.splice(0)) wake();
      }
    };
    if (this.options.deliveryDelayMs <= 0) deliver();
    else this.later(deliver, this.options.deliveryDelayMs);
    return messageId;
  }

  /** Gmail's side: a mailbox change; publishes when a live watch covers the message's labels. */
  mailboxChanged(historyId: number, labelIds: readonly string[]): void {
    const watch = this.watch;
    if (!watch || watch.expiresAt <= this.now()) return;
    const touches = watch.labelIds.length === 0 || watch.labelIds.some((label) => labelIds.includes(label));
    if (watch.behavior === 'include' ? !touches : touches) return;
    if (this.now() - this.lastNotificationAt < 1000) {
      this.dropped += 1;
      return;
    }
    this.lastNotificationAt = this.now();
    const messageId = this.publish(watch.topicName, Buffer.from(JSON.stringify({ emailAddress: this.emailAddress, historyId })));
    this.published.push({ messageId, topic: watch.topicName, historyId, at: this.now() });
  }

  /** Takes up to `max` messages, waiting up to the hold time (or not, with `returnImmediately`). */
  async pull(name: string, max: number, returnImmediately: boolean): Promise<Array<{ ackId: string; message: QueuedMessage }>> {
    const subscription = this.subscriptions.get(name)!;
    this.expireDeadlines(subscription);
    if (subscription.ready.length === 0 && !returnImmediately) {
      await new Promise<void>((resolve) => {
        const timer = this.later(resolve, this.options.pullHoldMs);
        subscription.waiters.push(() => {
          clearTimeout(timer);
          this.timers.delete(timer);
          resolve();
        });
      });
      this.expireDeadlines(subscription);
    }
    return subscription.ready.splice(0, max).map((message) => {
      const ackId = randomBytes(24).toString('base64url');
      message.deliveryAttempt += 1;
      subscription.outstanding.set(ackId, { message, deadline: this.now() + subscription.ackDeadlineMs });
      return { ackId, message };
    });
  }

  /** Acknowledges; unknown or expired ack ids are ignored, as Pub/Sub does. */
  acknowledge(name: string, ackIds: string[]): void {
    const subscription = this.subscriptions.get(name)!;
    for (const ackId of ackIds) subscription.outstanding.delete(ackId);
  }

  /** Messages of a subscription not yet acknowledged (ready or out). */
  unacknowledged(name: string): number {
    const subscription = this.subscriptions.get(name);
    return subscription ? subscription.ready.length + subscription.outstanding.size : 0;
  }

  // Past their deadline, outstanding messages are ready again (at-least-once delivery).
  private expireDeadlines(subscription: Subscription): void {
    for (const [ackId, entry] of subscription.outstanding) {
      if (entry.deadline > this.now()) continue;
      subscription.outstanding.delete(ackId);
      subscription.ready.push(entry.message);
    }
  }

  private later(run: () => void, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  /** Wakes every waiting pull and clears timers (server close). */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    for (const subscription of this.subscriptions.values()) for (const wake of subscription.waiters.splice(0)) wake();
  }
}
