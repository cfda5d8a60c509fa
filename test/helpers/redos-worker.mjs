// Runs regexes over the inputs of test/helpers/redos-inputs.ts in a worker thread, so that the test
// can kill a catastrophic one instead of hanging. Before each input it says which one it starts;
// after each regex it reports the time of each input in milliseconds, up to the first one over the limit.
import { parentPort } from 'node:worker_threads';

function build(spec, size) {
  const count = Math.max(1, Math.ceil((size - spec.prefix.length) / spec.unit.length));
  return spec.prefix + spec.unit.repeat(count) + spec.suffix;
}

// What the app does with a regex: one search for a plain one, every match for a global one.
function run(re, input) {
  re.lastIndex = 0;
  if (!re.global) return re.exec(input) ? 1 : 0;
  let count = 0;
  for (const _ of input.matchAll(re)) count++;
  return count;
}

parentPort.on('message', ({ index, source, flags, specs, size, limitMs }) => {
  const re = new RegExp(source, flags);
  const times = [];
  for (let i = 0; i < specs.length; i++) {
    parentPort.postMessage({ type: 'start', index, input: i });
    const input = build(specs[i], size);
    const started = performance.now();
    run(re, input);
    times.push(performance.now() - started);
    if (times[i] > limitMs) break;
  }
  parentPort.postMessage({ type: 'done', index, times });
});
