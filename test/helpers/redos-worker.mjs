// Runs regexes over the inputs of test/helpers/redos-inputs.ts in a worker thread, so that the test
// can kill a catastrophic one instead of hanging. Before each input it says which one it starts;
// after each regex it reports the time of each input in milliseconds, up to the first slow one.
// An input over `suspectMs` is also timed at a tenth of the size: a linear pattern takes about a
// tenth of the time there, a quadratic one a hundredth.
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

function timed(re, input) {
  const started = performance.now();
  run(re, input);
  return performance.now() - started;
}

parentPort.on('message', ({ index, source, flags, specs, size, limitMs, suspectMs, maxRatio }) => {
  const re = new RegExp(source, flags);
  const times = [];
  const ratios = [];
  for (let i = 0; i < specs.length; i++) {
    parentPort.postMessage({ type: 'start', index, input: i });
    const ms = timed(re, build(specs[i], size));
    const small = build(specs[i], Math.round(size / 10));
    const ratio = ms > suspectMs ? ms / Math.max(0.5, Math.min(timed(re, small), timed(re, small))) : 0;
    times.push(ms);
    ratios.push(ratio);
    if (ms > limitMs || ratio > maxRatio) break;
  }
  parentPort.postMessage({ type: 'done', index, times, ratios });
});
