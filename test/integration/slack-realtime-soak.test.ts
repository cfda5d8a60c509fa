/**
 * A short Socket Mode soak (the 10-minute one is `npm run soak:realtime`): 5 events a second for
 * 12 seconds with two forced disconnects; nothing lost, nothing duplicated.
 */
import { describe, expect, it } from 'vitest';
import { runSlackSoak } from '../helpers/realtime-soak';

describe('Slack Socket Mode soak (short)', () => {
  it('5 events/s for 12 s with 2 forced disconnects: 0 lost, 0 duplicated', async () => {
    const result = await runSlackSoak({ durationMs: 12_000, ratePerSecond: 5, disconnects: 2 });
    console.info(`slack soak (short): ${JSON.stringify(result)}`);
    expect(result.events_posted).toBe(60);
    expect(result.lost).toBe(0);
    expect(result.duplicated).toBe(0);
    expect(result.forced_disconnects).toBe(2);
    // Some events were lost by the socket: the catch-ups found them.
    expect(result.events_dropped_by_slack).toBeGreaterThan(0);
    expect(Math.max(...result.back_on_socket_ms)).toBeLessThan(30_000);
    expect(result.catch_up_runs).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
