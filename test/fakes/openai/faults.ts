/** Ready-made faulty replies for the fake OpenAI server (enqueue them, or use as responders). */
import { defaultVerdicts, type FakeReply, type FakeResponder, type FakeVerdict } from './responder';

/** Replies the default verdicts after passing them through `change`. */
export function mutateVerdicts(change: (verdicts: FakeVerdict[]) => unknown[]): FakeResponder {
  return (request) => ({ kind: 'verdicts', verdicts: change(defaultVerdicts(request)) });
}

/** Fault builders. */
export const faults = {
  /** 429 asking to wait `seconds` (Retry-After), optionally in milliseconds (retry-after-ms). */
  rateLimited: (seconds: number, ms?: number): FakeReply => ({
    kind: 'error',
    status: 429,
    message: 'Rate limit reached for requests. Please try again later.',
    code: 'rate_limit_exceeded',
    headers: { 'retry-after': String(seconds), ...(ms === undefined ? {} : { 'retry-after-ms': String(ms) }) },
  }),
  /** 429 for an exhausted account (not worth retrying soon). */
  quotaExceeded: (): FakeReply => ({ kind: 'error', status: 429, message: 'You exceeded your current quota, please check your plan and billing details.', code: 'insufficient_quota' }),
  /** A server error. */
  serverError: (status = 500): FakeReply => ({ kind: 'error', status, message: 'The server had an error while processing your request.' }),
  /** Content that is not JSON (cut in the middle of an object). */
  malformedJson: (): FakeReply => ({ kind: 'content', content: '{"verdicts": [{"item": "item-1", "needs_action": tru' }),
  /** An answer cut off by the length limit. */
  truncated: (): FakeReply => ({ kind: 'content', content: '{"verdicts": [{"item": "item-1"', finishReason: 'length' }),
  /** A refusal instead of an answer. */
  refusal: (text = "I'm sorry, I can't help with that."): FakeReply => ({ kind: 'refusal', refusal: text }),
  /** Every verdict carries an extra key. */
  extraKeys: (): FakeResponder => mutateVerdicts((verdicts) => verdicts.map((v) => ({ ...v, provider_id: 'msg-123', action: 'archive' }))),
  /** The verdict for `label` has wrong types (string confidence, string needs_action). */
  wrongTypes: (label = 'item-1'): FakeResponder =>
    mutateVerdicts((verdicts) => verdicts.map((v) => (v.item === label ? { ...v, needs_action: 'yes', confidence: 'high' } : v))),
  /** Verdicts relabelled to labels and IDs the prompt never gave, plus the real ones for the rest. */
  inventedLabels: (label = 'item-1'): FakeResponder =>
    mutateVerdicts((verdicts) => [
      ...verdicts.filter((v) => v.item !== label),
      { ...verdicts[0], item: 'item-99' },
      { ...verdicts[0], item: 'msg-18c2f0a9' },
    ]),
  /** Two verdicts for `label`. */
  duplicate: (label = 'item-1'): FakeResponder =>
    mutateVerdicts((verdicts) => [...verdicts, ...verdicts.filter((v) => v.item === label).map((v) => ({ ...v, needs_action: !v.needs_action }))]),
  /** The default answer after `ms`. */
  slow: (ms: number): FakeResponder => (request) => ({ kind: 'verdicts', verdicts: defaultVerdicts(request), delayMs: ms }),
};
