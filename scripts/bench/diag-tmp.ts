import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startFakeGoogle } from '../../test/fakes/google';
import { ROOT } from '../../test/helpers/host';
import { buildCorpus } from './corpus';
import { gmailSetup } from './gmail-setup';
const google = await startFakeGoogle({ latencyMs: [20, 80], quota: { unitsPerSecond: 250 } });
for (const m of buildCorpus(2000, google.account.email)) google.addMessage(m.input);
const dataDir = mkdtempSync(join(tmpdir(), 'pt-diag-'));
const env = { ...process.env, ...google.env, INTEGRATION_ENCRYPTION_KEY: randomBytes(32).toString('base64'), BENCH_SETUP: JSON.stringify(gmailSetup(google, 2000)), BENCH_DIAG: '1' };
const child = spawn(process.execPath, ['--trace-gc', '--import', 'tsx', 'scripts/bench/sync-child.ts', dataDir], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'inherit'] });
const lines: string[] = [];
createInterface({ input: child.stdout! }).on('line', (line) => {
  lines.push(line);
  if (line.includes('"ready"')) child.stdin!.write('sync\n');
  if (line.includes('"synced"')) { child.stdin!.write('exit\n'); }
  if (line.includes('"stopped"')) { writeFileSync('/tmp/diag.log', lines.join('\n')); process.exit(0); }
});
