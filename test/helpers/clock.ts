/** Moves the clock of a host started with `--manual-clock` (POST /test/clock with its token). */
import type { RunningHost } from './host';

/** Advances the host's clock by `ms`; resolves once the host has re-checked reminders and snoozes. */
export async function advanceHostClock(host: Pick<RunningHost, 'url' | 'token'>, ms: number): Promise<string> {
  const response = await fetch(`${host.url}/test/clock`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: JSON.stringify({ advanceMs: ms }) });
  if (response.status !== 200) throw new Error(`clock move answered ${response.status}`);
  return ((await response.json()) as { now: string }).now;
}

/** Waits until `count` event streams are open on the host (the page's included), so no event is missed. */
export async function waitForEventStreams(host: Pick<RunningHost, 'url' | 'token'>, count: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${host.url}/test/clock`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: JSON.stringify({ advanceMs: 0 }) });
    const { eventStreams } = (await response.json()) as { eventStreams: number };
    if (eventStreams >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${eventStreams} of ${count} event streams opened`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
