/**
 * A content worker with faults on cue, for tests of the pool and of syncs: it runs the real handler
 * (content/ and the offline engine), except for Gmail messages whose subject names a fault —
 * SPIN loops forever, CRASH exits the thread, THROW leaves an error unhandled (which kills it). With
 * workerData `{ neverReady: true }` it dies before it has loaded.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createContentHandler } from '../../../src/main/sync/worker/content-handler';
import type { WorkerRequest } from '../../../src/main/sync/worker/protocol';

if (!parentPort) throw new Error('runs as a worker thread only');
if ((workerData as { neverReady?: boolean } | undefined)?.neverReady) throw new Error('this worker never loads');
const port = parentPort;
const handler = createContentHandler();
let chain: Promise<void> = Promise.resolve();

function subjectOf(request: WorkerRequest): string {
  if (request.op !== 'read' || request.raw.kind !== 'gmail-message') return '';
  return request.raw.message.payload?.headers?.find((header) => header.name === 'Subject')?.value ?? '';
}

port.postMessage({ id: 0, op: 'ready' });
port.on('message', (request: WorkerRequest) => {
  chain = chain.then(async () => {
    const subject = subjectOf(request);
    if (subject.includes('SPIN')) for (;;);
    if (subject.includes('CRASH')) process.exit(3);
    // Unhandled: the worker thread dies with this error (and answers nothing after it).
    if (subject.includes('THROW')) throw new Error('thrown outside the handler');
    port.postMessage(await handler.handle(request));
  });
});
