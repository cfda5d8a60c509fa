// Probes the host's `app:info` every `intervalMs` from a worker thread: its own event loop and heap,
// so the harness's work (the fake Slack, 500 MB of generated mail being collected) never delays a
// probe, and what is measured is the host. A probe does not wait for the one before it.
import { parentPort, workerData } from 'node:worker_threads';

const { url, token, intervalMs, origin } = workerData;
const samples = [];
const pending = new Set();
let failed = 0;
const reasons = new Set();
const fail = (reason) => {
  failed += 1;
  if (reasons.size < 5) reasons.add(reason);
};

const timer = setInterval(() => {
  const sent = performance.now() + performance.timeOrigin;
  const started = performance.now();
  const probe = fetch(`${url}/api/app:info`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '' })
    .then(async (response) => {
      await response.arrayBuffer();
      if (response.status !== 200) fail(`HTTP ${response.status}`);
      samples.push({ atMs: Math.round(sent - origin), ms: performance.now() - started });
    })
    .catch((error) => fail(String(error?.cause?.code ?? error?.message ?? error)))
    .finally(() => pending.delete(probe));
  pending.add(probe);
}, intervalMs);

parentPort.on('message', async (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  await Promise.all(pending);
  parentPort.postMessage({ samples, failed, reasons: [...reasons] });
});
