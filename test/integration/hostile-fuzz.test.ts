// The short version of the fuzz run of issue 13 (`npm run fuzz` runs 10,000 messages): 300
// hostile mails, events and Slack messages through real syncs on the headless host while
// `app:info` is probed every 100 ms. Asserted: the host stays up and answers every probe, every
// message is accounted for, no hostile request is auto-approved, and no probe waits for seconds
// (the old quadratic parsing held it 5 to 15 s). The 200 ms target is measured by the full run;
// its figures are printed here, not asserted, since a shared CI machine cannot time that finely.
import { afterEach, describe, expect, it } from 'vitest';
import { runHostileFuzz } from '../fuzz/fuzz-harness';
import { tempDir } from '../helpers/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe('hostile fuzz (short)', () => {
  it('300 hostile messages: the host keeps answering, nothing is lost, nothing is auto-approved', async () => {
    const folder = tempDir('pt-fuzz-');
    cleanups.push(folder.cleanup);
    const report = await runHostileFuzz({ count: 300, seed: 13, maxRun: 20_000, dir: folder.dir, timeoutMs: 150_000 });
    process.stdout.write(`hostile fuzz (300): probes ${JSON.stringify(report.probes)}; ${report.syncs.map((s) => `${s.provider} ${s.seconds}s max ${s.probes.maxMs}ms`).join(', ')}\n`);
    expect(report.hostAlive).toBe(true);
    expect(report.probes.failed).toBe(0);
    expect(report.probes.count).toBeGreaterThan(10);
    const byProvider = Object.fromEntries(report.syncs.map((sync) => [sync.provider, sync]));
    for (const sync of report.syncs) expect(['succeeded', 'partial'], `${sync.provider}: ${sync.error}`).toContain(sync.status);
    expect(byProvider.mail_files!.itemsFetched).toBe(report.messages.mail);
    expect(byProvider.slack!.itemsFetched).toBe(report.messages.slack);
    expect(byProvider.calendar_files!.itemsFetched).toBeGreaterThan(0);
    expect(report.syncs.reduce((sum, sync) => sum + sync.autoApproved, 0)).toBe(0);
    expect(report.probes.maxMs).toBeLessThan(10_000);
  }, 200_000);
});
