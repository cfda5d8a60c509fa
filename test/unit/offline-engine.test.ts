import { describe, expect, it } from 'vitest';
import { parseEvalFile } from '../../scripts/lib/eval-items';
import { createOfflineEngine, OFFLINE_ENGINE_NAME } from '../../src/main/ai/offline';
import weights from '../../src/main/ai/offline/model-weights.json';
import type { ProviderItem } from '../../src/main/items/provider-item';
import { isFailure, type GenerationContext } from '../../src/main/ai/types';

const context: GenerationContext = { now: new Date('2025-03-07T12:00:00Z'), timeZone: 'Europe/Paris', prepTaskHours: 24, selfAddresses: [] };
const items = parseEvalFile(
  [
    { id: 'a', kind: 'email', from: 'sam@x.example', subject: 'Q4', date: '2025-03-05T09:00:00Z', body: 'Could you review the Q4 proposal by Friday?' },
    { id: 'b', kind: 'calendar_event', subject: 'Interview', start: '2025-03-12T09:00:00Z', attendees: ['x@x.example'] },
    { id: 'c', kind: 'slack_message', body: 'thanks!', author: 'Jo' },
  ]
    .map((o) => JSON.stringify(o))
    .join('\n'),
).map((i) => i.item);

describe('offline engine: contract', () => {
  it('is named offline-v1, answers every item and uses no tokens', async () => {
    const engine = createOfflineEngine();
    expect(engine.name).toBe(OFFLINE_ENGINE_NAME);
    const { results, usage } = await engine.generate(items, context);
    expect([...results.keys()]).toEqual(['a', 'b', 'c']);
    expect(usage).toEqual({ requests: 0, promptTokens: 0, completionTokens: 0 });
    for (const entry of results.values()) {
      expect(isFailure(entry)).toBe(false);
      if (isFailure(entry)) continue;
      expect(entry.confidence).toBeGreaterThanOrEqual(0);
      expect(entry.confidence).toBeLessThanOrEqual(1);
      expect(entry.title.length).toBeGreaterThan(0);
      expect(entry.title.length).toBeLessThanOrEqual(80);
      expect(entry.model).toBe('offline-v1');
      if (entry.deadline) expect(new Date(entry.deadline).toISOString()).toBe(entry.deadline);
    }
  });

  it('is deterministic and keeps no state between engines or calls', async () => {
    const one = await createOfflineEngine().generate(items, context);
    const engine = createOfflineEngine({ name: 'offline-test' });
    await engine.generate(items, { ...context, timeZone: 'Asia/Tokyo' });
    const two = await engine.generate(items, context);
    for (const id of ['a', 'b', 'c']) expect({ ...two.results.get(id), model: 'offline-v1' }).toEqual(one.results.get(id));
  });

  it('turns an error on one item into a failure for that item only', async () => {
    const broken = { ...items[0], id: 'x', from: null } as unknown as ProviderItem;
    const { results } = await createOfflineEngine().generate([broken, items[2] as ProviderItem], context);
    const failure = results.get('x');
    expect(failure && isFailure(failure) && failure.error).toMatch(/offline engine failed/);
    expect(isFailure(results.get('c')!)).toBe(false);
  });

  it('flags an unknown time zone instead of guessing silently', async () => {
    const { results } = await createOfflineEngine().generate(items, { ...context, timeZone: 'Mars/Olympus' });
    const a = results.get('a')!;
    expect(!isFailure(a) && a.flags).toContain('offline:unknown-time-zone');
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(createOfflineEngine().generate(items, { ...context, signal: controller.signal })).rejects.toThrow('stop');
  });

  it('refuses weights trained for other features', () => {
    expect(() => createOfflineEngine({ weights: { ...weights, featureVersion: -1 } })).toThrow(/run scripts\/train-offline.ts/);
    expect(() => createOfflineEngine({ weights: { nonsense: true } })).toThrow();
  });

  it('ships small weights', () => {
    expect(JSON.stringify(weights).length).toBeLessThan(300 * 1024);
  });

  it('judges thousands of items in one call, one verdict each', async () => {
    // Speed is the bench's business (npm run bench); this checks that a large call answers every item.
    const many = Array.from({ length: 1000 }, (_, i) => items.map((it) => ({ ...it, id: `${it.id}${i}` }))).flat();
    const { results } = await createOfflineEngine().generate(many, context);
    expect(results.size).toBe(3000);
    expect([...results.values()].every((entry) => !('error' in entry))).toBe(true);
  });
});
