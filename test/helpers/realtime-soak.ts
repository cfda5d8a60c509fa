/**
 * A Socket Mode soak: DMs and mentions posted at a steady rate into the fake Slack while the socket
 * is force-closed a few times (events sent while it is down are dropped, as when Slack's retries run
 * out), then counted: every posted message must have been judged (lost = 0) and no message may have
 * more than one suggestion (duplicated = 0). Used by `npm run soak:realtime` (10 minutes) and, short,
 * by the integration suite.
 */
import { startSlackRealtime, waitFor, waitLive } from './realtime-harness';

/** How hard and how long to push. */
export interface SoakOptions {
  durationMs: number;
  ratePerSecond: number;
  disconnects: number;
  log?: (line: string) => void;
}

/** What the soak measured. */
export interface SoakResult {
  duration_s: number;
  events_posted: number;
  judged: number;
  suggestions: number;
  lost: number;
  duplicated: number;
  forced_disconnects: number;
  /** Events the fake Slack dropped while no socket was open (only a catch-up finds those). */
  events_dropped_by_slack: number;
  back_on_socket_ms: number[];
  push_runs: number;
  catch_up_runs: number;
  latency_ms_p50: number;
  latency_ms_p95: number;
  latency_ms_max: number;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs the soak and returns its figures. */
export async function runSlackSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => undefined);
  const rig = await startSlackRealtime({ socketMode: { whileDisconnected: 'drop' } });
  const { slack, t, id } = rig;
  try {
    await waitLive(t, id);
    await t.core.services.realtime.idle();
    const started = Date.now();
    const total = Math.round((options.durationMs / 1000) * options.ratePerSecond);
    const dropAt = new Set(Array.from({ length: options.disconnects }, (_, k) => Math.floor((total * (k + 1)) / (options.disconnects + 1))));
    const posted: Array<{ itemId: string; at: number }> = [];
    const reconnects: Array<Promise<number>> = [];
    for (let n = 0; n < total; n += 1) {
      const due = started + (n * 1000) / options.ratePerSecond;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      if (dropAt.has(n)) {
        const opened = slack.socketMode.connectionsOpened.length;
        const at = Date.now();
        slack.socketMode.forceDisconnect();
        log(`forced disconnect ${reconnects.length + 1} after ${n} events`);
        reconnects.push(waitFor(() => slack.socketMode.connectionsOpened.length > opened || undefined, 60_000, 'reconnect').then(() => Date.now() - at));
      }
      const mention = n % 3 === 2;
      const channel = mention ? rig.general : rig.dm;
      const text = mention ? `<@${slack.selfId}> can you review pull request ${n} before Friday?` : `Can you send me the invoice number ${n} by Thursday?`;
      const ts = slack.postMessage({ channel, user: rig.peer, text });
      posted.push({ itemId: `${channel}:${ts}`, at: Date.now() });
      if (n % 500 === 499) log(`${n + 1}/${total} events posted`);
    }
    const back = await Promise.all(reconnects);
    const known = (itemId: string) => t.core.repos.providerItems.isKnown(id, itemId);
    await waitFor(() => posted.every((message) => known(message.itemId)) || undefined, 90_000, 'every message judged').catch(() => undefined);
    await t.core.services.realtime.idle();
    const rows = t.core.repos.db.prepare('SELECT provider_item_id AS itemId, seen_at AS seenAt FROM provider_items WHERE integration_id = ?').all(id) as Array<{ itemId: string; seenAt: string }>;
    const seenAt = new Map(rows.map((row) => [row.itemId, Date.parse(row.seenAt)]));
    const suggestionRows = t.core.repos.db.prepare('SELECT provider_item_id AS itemId FROM integration_tasks WHERE integration_id = ?').all(id) as Array<{ itemId: string }>;
    const postedIds = new Set(posted.map((message) => message.itemId));
    const perItem = new Map<string, number>();
    // A suggestion for something never posted would be a duplicate under another name: counted too.
    const strays = suggestionRows.filter((row) => !postedIds.has(row.itemId)).length;
    for (const row of suggestionRows) if (postedIds.has(row.itemId)) perItem.set(row.itemId, (perItem.get(row.itemId) ?? 0) + 1);
    const latencies = posted.flatMap((message) => (seenAt.has(message.itemId) ? [seenAt.get(message.itemId)! - message.at] : []));
    const triggers = t.core.repos.db.prepare("SELECT trigger, COUNT(*) AS n FROM integration_sync_logs WHERE integration_id = ? GROUP BY trigger").all(id) as Array<{ trigger: string; n: number }>;
    const runs = (trigger: string) => triggers.find((row) => row.trigger === trigger)?.n ?? 0;
    return {
      duration_s: Math.round((Date.now() - started) / 100) / 10,
      events_posted: posted.length,
      judged: posted.filter((message) => seenAt.has(message.itemId)).length,
      suggestions: perItem.size,
      lost: posted.filter((message) => !seenAt.has(message.itemId)).length,
      duplicated: strays + [...perItem.values()].reduce((sum, count) => sum + (count - 1), 0),
      forced_disconnects: back.length,
      events_dropped_by_slack: slack.socketMode.droppedEvents,
      back_on_socket_ms: back,
      push_runs: runs('push'),
      catch_up_runs: runs('catch-up'),
      latency_ms_p50: percentile(latencies, 50),
      latency_ms_p95: percentile(latencies, 95),
      latency_ms_max: Math.max(0, ...latencies),
    };
  } finally {
    await t.cleanup();
    await slack.close();
  }
}
