/**
 * The Socket Mode soak of issue 20 (never part of `npm test`; a 12-second version is):
 *
 *   npm run soak:realtime -- [--minutes 10] [--rate 5] [--disconnects 3] [--output S.json]
 *
 * Posts DMs and mentions into the fake Slack at `rate` per second for `minutes`, force-closes the
 * socket `disconnects` times (events sent meanwhile are dropped), then checks that every message was
 * judged once: prints the figures as JSON and exits 1 when anything was lost or duplicated.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runSlackSoak } from '../test/helpers/realtime-soak';

const { values } = parseArgs({ options: { minutes: { type: 'string' }, rate: { type: 'string' }, disconnects: { type: 'string' }, output: { type: 'string' } } });
const minutes = Number(values.minutes ?? 10);
const rate = Number(values.rate ?? 5);
const disconnects = Number(values.disconnects ?? 3);
if (![minutes, rate, disconnects].every((value) => Number.isFinite(value) && value >= 0) || minutes === 0 || rate === 0) {
  process.stderr.write('usage: npm run soak:realtime -- [--minutes 10] [--rate 5] [--disconnects 3] [--output S.json]\n');
  process.exit(2);
}
const result = await runSlackSoak({ durationMs: minutes * 60_000, ratePerSecond: rate, disconnects, log: (line) => process.stderr.write(`[soak] ${line}\n`) });
const text = `${JSON.stringify({ slack_socket_mode_soak: { minutes, rate_per_second: rate, ...result } }, null, 2)}\n`;
if (values.output) writeFileSync(values.output, text);
process.stdout.write(text);
process.exit(result.lost === 0 && result.duplicated === 0 ? 0 : 1);
