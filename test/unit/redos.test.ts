// The ReDoS suite: every regex written in the layers that read untrusted text (content/, items/,
// ai/, merge/, and sync/ and providers/ where the pipeline pages and reads payloads) is found in the source with the TypeScript compiler API and run on generated pathological
// inputs of 100 KB in a worker thread. A regex that backtracks super-linearly takes seconds there
// (quadratic: 100,000² steps) while a linear one takes about a millisecond, so the 250 ms limit
// leaves a wide margin for a loaded machine. A quadratic pattern with a small constant can stay
// under it, so an input over 40 ms is also timed at 10 KB: growing more than 30-fold for 10 times
// the text (linear: 10-fold, quadratic: 100-fold) is a finding too.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/host';
import { findRegexes } from '../helpers/regex-inventory';
import { pathologicalInputs } from '../helpers/redos-inputs';
import { runRedosJobs, type RedosJob } from '../helpers/redos-runner';

const UNTRUSTED_LAYERS = ['src/main/content', 'src/main/items', 'src/main/ai', 'src/main/merge', 'src/main/sync', 'src/main/providers'].map((dir) => join(ROOT, dir));
const LIMITS = { size: 100_000, limitMs: 250, hardMs: 2_000, suspectMs: 40, maxRatio: 30 };

describe('regexes over untrusted text stay linear', () => {
  const inventory = findRegexes(ROOT, UNTRUSTED_LAYERS);

  it('finds every regex: literals and RegExp constructions with constant patterns only', () => {
    expect(inventory.files).toBeGreaterThan(40);
    expect(inventory.regexes.length).toBeGreaterThan(300);
    // A pattern built at run time could not be checked here, so there must be none.
    expect(inventory.dynamic).toEqual([]);
  });

  it('runs each on 100 KB pathological inputs within 250 ms', async () => {
    const jobs: RedosJob[] = inventory.regexes.map((regex) => ({ ...regex, specs: pathologicalInputs(regex.source, regex.flags) }));
    for (const job of jobs) expect(job.specs.length, job.where).toBeGreaterThanOrEqual(5);
    const report = await runRedosJobs(jobs, LIMITS);
    process.stdout.write(
      `ReDoS suite: ${report.regexes} regexes from ${inventory.files} files, ${report.inputs} inputs of ${LIMITS.size} characters; ` +
        `slowest ${report.slowestMs.toFixed(1)} ms (${report.slowest.slice(0, 60)})\n`,
    );
    expect(report.regexes).toBe(inventory.regexes.length);
    expect(report.findings).toEqual([]);
  }, 180_000);

  it('catches the slow regexes of issue 13 (the suite can fail)', async () => {
    const slow = [
      { where: 'body-text before', source: '<?\\b(?:https?|mailto):[^\\s>]*>?|\\S+@\\S+', flags: 'gi' },
      { where: 'html-frame before', source: '^\\s*0*\\.?0*\\s*(px|%|em)?\\s*$', flags: 'i' },
      { where: 'injection before', source: '^\\s*#{1,4}\\s*(?:system|instruction|instructions|response)\\s*:?\\s*$', flags: 'im' },
      { where: 'style-sheet before', source: '\\s*>\\s*', flags: 'g' },
      { where: 'trailing run', source: '[.!?]+$', flags: '' },
      // Quadratic with a small constant: under the time limit at 20 KB, caught by its growth.
      { where: 'mixed-run address', source: '\\b[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+\\b', flags: 'g' },
      // Found in main's new code when issue 14 and 17 merged: an optional prefix before a run (every
      // start position scans the run), and two runs of spaces around an optional group.
      { where: 'List-Post before', source: '<?\\s*mailto:', flags: 'i' },
      { where: 'reply subject before', source: '^\\s*(?:re|aw|sv|antw)\\s*(?:\\[\\d+\\])?\\s*:', flags: 'i' },
    ];
    const jobs = slow.map((regex) => ({ ...regex, specs: pathologicalInputs(regex.source, regex.flags) }));
    // A fifth of the size keeps this quick: quadratic regexes still take 25 times the scaled limit.
    const report = await runRedosJobs(jobs, { size: 20_000, limitMs: 50, hardMs: 1_000, suspectMs: 2, maxRatio: 30 });
    expect(report.findings.map((finding) => finding.where)).toEqual(slow.map((regex) => regex.where));
  }, 60_000);
});
