/** Moves the clock of a host started with `--manual-clock` (POST /test/clock with its token). */
import type { RunningHost } from './host';

/** Advances the host's clock by `ms`; resolves once the host has re-checked reminders and snoozes. */
export async function advanceHostClock(host: Pick<RunningHost, 'url' | 'token'>, ms: number): Promise<string> {
  const response = await fetch(`${host.url}/test/clock`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: JSON.stringify({ advanceMs: ms }) });
  if (response.status !== 200) throw new Error(`clock move answered ${response.status}`);
  return ((await response.json()) as { now: string }).now;
}
