// One life of the app for the crash test: sync every integration (Gmail and Google Tasks), approve
// every suggestion, finish every task, run the write-back (archive, Google Tasks pushes). The parent kills this process at random moments (SIGKILL).
import { createCore } from '../../src/main/core';
import { createNodePlatform } from '../../src/host/node-platform';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: sync-child.ts DATA_DIR');

const platform = createNodePlatform({ dataDir, openExternalMode: 'print', log: () => undefined });
const core = createCore(platform, { undoWindowMs: 0 });
const { services } = core;

process.stdout.write('phase:sync\n');
for (const integration of core.repos.integrations.list()) {
  if (integration.status !== 'connected') continue;
  await services.sync.syncIntegration(integration.id, 'schedule');
}
process.stdout.write('phase:review\n');
for (const suggestion of services.suggestions.list({ limit: 1000 }).items) services.suggestions.approve(suggestion.id);
for (const task of services.tasks.list({ status: 'open' })) services.tasks.complete(task.id);
// Pushes to Google Tasks left running by a kill in an earlier life: the drain below checks them at Google first.
const interrupted = core.repos.outbox.running().filter((row) => row.kind.startsWith('tasks_')).map((row) => row.id);
process.stdout.write(`interrupted-pushes:${interrupted.join(',')}\n`);
process.stdout.write('phase:write-back\n');
// A drain takes up to 100 due actions; keep draining until nothing is due.
while ((await services.outboxWorker.runDue()) > 0);
await core.stop();
process.stdout.write('clean-exit\n');
