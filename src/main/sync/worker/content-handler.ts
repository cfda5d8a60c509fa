/**
 * What the content worker does with one request: read a payload into items (content/), or judge an
 * item with the offline engine (ai/offline). Plain functions over one engine instance, so the
 * worker entry only wires them to its message port (and tests can drive them directly).
 */
import { createOfflineEngine } from '../../ai/offline/offline-engine';
import { isFailure, type GenerationContext } from '../../ai/types';
import type { EmailItem, ProviderItem } from '../../items/provider-item';
import { readRawItem } from '../../content/raw-item';
import type { JudgeContext, JudgeOutcome, WorkerReply, WorkerRequest } from './protocol';

/** An email that exercises the classifier, the deadline finder and the title writer once. */
const WARM_UP_ITEM: EmailItem = {
  type: 'email',
  id: 'warm-up',
  threadKey: null,
  date: '2026-01-05T09:00:00.000Z',
  link: null,
  from: { name: 'Warm Up', address: 'warm@example.com' },
  to: [{ name: null, address: 'me@example.com' }],
  cc: [],
  subject: 'Budget review',
  snippet: '',
  bodyText: 'Hi,\n\nCould you please review the attached budget and send me your comments by Friday 5pm?\n\nThanks,\nWarm',
  labels: [],
  headers: { listUnsubscribe: null, precedence: null, autoSubmitted: null },
  contentFlags: [],
};

function generationContext(item: ProviderItem, context: JudgeContext): GenerationContext {
  const threads = item.threadKey && context.thread ? new Map([[item.threadKey, context.thread]]) : undefined;
  return { now: new Date(context.now), timeZone: context.timeZone, prepTaskHours: context.prepTaskHours, selfAddresses: context.selfAddresses, threads };
}

/** Creates the handler; the offline engine (and its classifier) is built here, once per worker. */
export function createContentHandler() {
  const engine = createOfflineEngine();
  const judge = async (item: ProviderItem, context: JudgeContext): Promise<JudgeOutcome> => {
    const { results } = await engine.generate([item], generationContext(item, context));
    const entry = results.get(item.id);
    if (!entry) return { ok: false, error: 'the offline engine gave no verdict' };
    return isFailure(entry) ? { ok: false, error: entry.error } : { ok: true, verdict: entry };
  };
  return {
    /** Answers one request; never throws (a failure becomes a `failed` reply for that request). */
    async handle(request: WorkerRequest): Promise<WorkerReply> {
      try {
        switch (request.op) {
          case 'read':
            return { id: request.id, op: 'read', result: await readRawItem(request.raw, request.context) };
          case 'judge':
            return { id: request.id, op: 'judge', outcome: await judge(request.item, request.context) };
          case 'warm':
            await judge(WARM_UP_ITEM, { now: WARM_UP_ITEM.date!, timeZone: 'UTC', prepTaskHours: 24, selfAddresses: [] });
            return { id: request.id, op: 'warm' };
        }
      } catch (error) {
        return { id: request.id, op: 'failed', error: (error instanceof Error ? error.message : String(error)).slice(0, 300) };
      }
    },
  };
}
