/**
 * The content worker's entry (a worker thread, built as its own file: electron.vite.config.ts).
 * Requests are answered one at a time, in order: the main thread times each from the previous
 * answer, so an item that never finishes is the one it blames, and it replaces this worker.
 */
import { parentPort } from 'node:worker_threads';
import { createContentHandler } from './content-handler';
import type { WorkerRequest } from './protocol';

if (!parentPort) throw new Error('content-worker.ts runs as a worker thread only');
const port = parentPort;
const handler = createContentHandler();
let chain: Promise<void> = Promise.resolve();
port.postMessage({ id: 0, op: 'ready' });

port.on('message', (request: WorkerRequest) => {
  chain = chain.then(async () => port.postMessage(await handler.handle(request)));
});
