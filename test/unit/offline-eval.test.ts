/**
 * Regression guards for the offline engine's quality: on our own labelled set (test/fixtures/eval)
 * and, when ../shared is present, on a hold-out of the email-intent sentences the shipped weights'
 * training setup never saw.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseEvalFile } from '../../scripts/lib/eval-items';
import { runEval } from '../../scripts/lib/run-eval';
import { createOfflineEngine } from '../../src/main/ai/offline';
import { DEFAULT_TRAIN_OPTIONS } from '../../src/main/ai/offline/logistic';
import { engineCheck, parseTsv, stratifiedFolds, trainShippable } from '../../scripts/lib/training';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = resolve(root, 'test/fixtures/eval/labelled.jsonl');
const fresh = resolve(root, 'test/fixtures/eval/fresh.jsonl');
const trainTsv = resolve(root, '../shared/data/email-intent/train.tsv');

describe('offline engine on the labelled fixture', () => {
  it('keeps its balanced accuracy and F1', async () => {
    const items = parseEvalFile(readFileSync(fixture, 'utf8'));
    const report = await runEval(items, createOfflineEngine(), { engineLabel: 'offline', timeZone: 'UTC', prepTaskHours: 24, selfAddresses: [] });
    expect(report.labelled).toBe(110);
    // Measured with the message-level engine: balanced accuracy 0.8952, F1 0.8807 over all 110 items;
    // emails alone 0.8088 / 0.8. The old sentence rules were tuned on this set (0.9573 / 0.9495, emails
    // 0.9219); the engine is now fitted on real mail instead, and this hand-written set lost a few
    // emails (thanks notes and an application receipt sent to the person alone now read as replies
    // wanted). The fresh set, written after those rules were frozen, went from 0.9167 to 1.
    // With the cues and context features fitted on both real-mail train sets: 0.9493 / 0.94, emails
    // 0.9072 (nine of those emails are no longer tasks).
    expect(report.metrics.balanced_accuracy).toBeGreaterThanOrEqual(0.93);
    expect(report.metrics.f1).toBeGreaterThanOrEqual(0.92);
    expect(report.metrics_by_kind.email?.balanced_accuracy).toBeGreaterThanOrEqual(0.88);
    expect(report.metrics_by_kind.calendar_event?.balanced_accuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.metrics_by_kind.slack_message?.balanced_accuracy).toBeGreaterThanOrEqual(0.9);
  });
});

describe('offline engine on the fresh fixture (written after the rules were frozen)', () => {
  it('keeps its balanced accuracy and F1', async () => {
    const report = await runEval(parseEvalFile(readFileSync(fresh, 'utf8')), createOfflineEngine(), { engineLabel: 'offline', timeZone: 'UTC', prepTaskHours: 24, selfAddresses: [] });
    expect(report.labelled).toBe(40);
    // Measured on first run, before any change made while looking at it: balanced accuracy 0.9167, F1 0.9091.
    // With the message-level engine (never tuned on this file): 0.9722 / 0.9714. With the cues and
    // context features fitted on both real-mail train sets: 0.9444 / 0.9412 (one email lost: a
    // "no pressure, but if you have 15 minutes I'd love your thoughts" note now reads as an offer).
    expect(report.metrics.balanced_accuracy).toBeGreaterThanOrEqual(0.93);
    expect(report.metrics.f1).toBeGreaterThanOrEqual(0.93);
  });
});

describe.skipIf(!existsSync(trainTsv))('offline engine on held-out email-intent sentences', () => {
  it('reaches the issue\'s aim (balanced accuracy >= 0.80, F1 >= 0.70) on one-sentence emails', { timeout: 60_000 }, async () => {
    const all = parseTsv(readFileSync(trainTsv, 'utf8'));
    // The same split as scripts/train-offline.ts: fold 0 is held out, the rest trains.
    const [holdout = [], ...rest] = stratifiedFolds(all, 5, 3);
    const metrics = await engineCheck(trainShippable(rest.flat(), DEFAULT_TRAIN_OPTIONS), holdout);
    // Measured: balanced accuracy 0.8429, F1 0.8319 on 732 held-out sentences with the sentence engine;
    // the message-level engine keeps one-line messages on the classifier's word (see message-features.ts).
    expect(metrics.balanced_accuracy).toBeGreaterThanOrEqual(0.82);
    expect(metrics.f1).toBeGreaterThanOrEqual(0.8);
  });
});

if (!existsSync(trainTsv)) {
  describe('offline engine on held-out email-intent sentences', () => {
    it.skip(`skipped: ${trainTsv} is absent (the shared data folder is not next to this checkout)`, () => {});
  });
}
