/**
 * The messages between the main thread and the content worker. Everything here survives
 * structured cloning (plain objects, strings, numbers, Uint8Array): no functions, no classes, no
 * Dates. One request is one item, so the main thread can hold each to its own deadline.
 */
import type { ReadContext, ReadResult, RawItem } from '../../content/raw-item';
import type { ProviderItem } from '../../items/provider-item';
import type { GeneratedSuggestion, ThreadMessage } from '../../ai/types';

/** What the offline engine needs besides the item (the GenerationContext without its signal). */
export interface JudgeContext {
  /** ISO 8601. */
  now: string;
  timeZone: string;
  prepTaskHours: number;
  selfAddresses: string[];
  /** The messages of the item's own thread the sync has seen (author and date), for "you already answered this". */
  thread?: ThreadMessage[];
}

/** A request to the worker. */
export type WorkerRequest =
  | { id: number; op: 'read'; raw: RawItem; context: ReadContext }
  | { id: number; op: 'judge'; item: ProviderItem; context: JudgeContext }
  /** Loads the classifier and runs it once, so the first real item pays no start-up cost. */
  | { id: number; op: 'warm' };

/** A verdict, or why the offline engine could not give one. */
export type JudgeOutcome = { ok: true; verdict: GeneratedSuggestion } | { ok: false; error: string };

/** The worker's answer to one request, in the order the requests came. */
export type WorkerReply =
  | { id: number; op: 'read'; result: ReadResult }
  | { id: number; op: 'judge'; outcome: JudgeOutcome }
  | { id: number; op: 'warm' }
  /** The handler threw: the item is set aside with this reason, the worker carries on. */
  | { id: number; op: 'failed'; error: string }
  /** Sent once when the worker has loaded its modules; before it, nothing is timed. */
  | { id: 0; op: 'ready' };

/** True when a value is a well-formed reply (a worker is trusted code, but a reply is checked anyway). */
export function isWorkerReply(value: unknown): value is WorkerReply {
  if (typeof value !== 'object' || value === null) return false;
  const reply = value as { id?: unknown; op?: unknown };
  return typeof reply.id === 'number' && typeof reply.op === 'string' && ['read', 'judge', 'warm', 'failed', 'ready'].includes(reply.op);
}

/** Options every content worker starts with: a memory cap, so a hostile payload exhausts the worker and not the app. */
export const CONTENT_WORKER_OPTIONS = {
  name: 'content',
  resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 },
} as const;
