/**
 * Calibrates an LLM's verdicts the way the offline engine is calibrated, and measures the result:
 *
 *   npx tsx scripts/calibrate-llm.ts --fake     # the fake OpenAI server of test/fakes, model "fake-model"
 *   npx tsx scripts/calibrate-llm.ts            # the endpoint of LLM_BASE_URL / LLM_API_KEY / LLM_MODEL
 *
 * 1. The model judges the real-mail DEV split; its verdicts become scores (verdict-calibration.ts)
 *    and an isotonic map is fitted from score to "truly needs action" (src/main/ai/llm/calibration.json).
 * 2. The calibrated engine judges the TEST split; only aggregate figures are computed, printed and
 *    written (src/main/ai/llm/quality.json), where auto-approve reads them.
 * Add --dry-run to print without writing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyCalibration, fitIsotonic } from '../src/main/ai/calibration';
import { createLlmEngine } from '../src/main/ai/llm/llm-engine';
import { isFailure } from '../src/main/ai/types';
import { startFakeOpenAi } from '../test/fakes/openai';
import { parseEvalFile, type EvalItem } from './lib/eval-items';
import { expectedCalibrationError } from './lib/metrics';
import { kindQuality } from './lib/quality-figures';
import { REAL_MAIL_ABSENT, realMailDir, realMailLines, type Split } from './lib/real-mail';
import { defaultNow, threadsOf } from './lib/run-eval';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fake = process.argv.includes('--fake');
const dir = realMailDir();
if (!dir) {
  console.error(`Cannot calibrate: ${REAL_MAIL_ABSENT}.`);
  process.exit(1);
}
const server = fake ? await startFakeOpenAi({ apiKey: 'test-key' }) : null;
const model = fake ? 'fake-model' : process.env.LLM_MODEL?.trim() || 'gpt-4.1-mini';
const baseUrl = server?.url ?? process.env.LLM_BASE_URL?.trim() ?? 'https://api.openai.com/v1';
const apiKey = fake ? 'test-key' : process.env.LLM_API_KEY?.trim() || 'not-needed';

function load(split: Split): EvalItem[] {
  return parseEvalFile(realMailLines(dir!, [split]).map((l) => JSON.stringify(l)).join('\n'));
}

/** Runs the engine (with the given calibration) and returns one scored entry per item. */
async function judge(items: readonly EvalItem[], map: Parameters<typeof applyCalibration>[0] | null) {
  const engine = createLlmEngine({ baseUrl, apiKey, model, timeoutMs: 60_000, calibration: () => map });
  const context = { now: defaultNow(items), timeZone: 'UTC', prepTaskHours: 24, selfAddresses: [], threads: threadsOf(items) };
  const out: Array<{ score: number; confidence: number | null; predicted: boolean; actual: boolean | null }> = [];
  for (let i = 0; i < items.length; i += 20) {
    const part = items.slice(i, i + 20);
    const { results } = await engine.generate(part.map((p) => p.item), context);
    for (const { item, label } of part) {
      const entry = results.get(item.id);
      if (!entry || isFailure(entry)) out.push({ score: 0, confidence: null, predicted: false, actual: label });
      else out.push({ score: entry.confidence, confidence: entry.confidence, predicted: entry.needsAction, actual: label });
    }
  }
  return out;
}

try {
  const dev = await judge(load('dev'), null);
  // Without a map the engine's confidence is the verdict score itself.
  const devScores = dev.map((d) => ({ score: d.score, label: d.actual === true }));
  const map = fitIsotonic(devScores);
  const before = expectedCalibrationError(devScores.map((d) => ({ confidence: d.score, actual: d.label })));
  const after = expectedCalibrationError(devScores.map((d) => ({ confidence: applyCalibration(map, d.score), actual: d.label })));
  console.log(`${model}: dev split ${dev.length} messages; ECE of its own scores ${before?.toFixed(3)}, after the fitted map (fitted here) ${after?.toFixed(3)}`);
  const test = await judge(load('test'), map);
  const email = kindQuality(test);
  console.log(`test split (aggregate): balanced accuracy ${email.balancedAccuracy}, F1 ${email.f1}, ECE ${email.ece}`);
  console.log(`auto-approve precision by threshold: ${email.autoApprove.map((p) => `${p.threshold}: ${p.precision} (${p.count})`).join(', ')}`);
  if (!process.argv.includes('--dry-run')) {
    const calibrationPath = resolve(root, 'src/main/ai/llm/calibration.json');
    const calibration = JSON.parse(readFileSync(calibrationPath, 'utf8')) as { models: Record<string, unknown> };
    calibration.models[model] = { map, fittedOn: `real-mail dev split (${dev.length} messages)${fake ? ', answered by the fake OpenAI server' : ''}` };
    writeFileSync(calibrationPath, `${JSON.stringify(calibration, null, 1)}\n`);
    const qualityPath = resolve(root, 'src/main/ai/llm/quality.json');
    const quality = JSON.parse(readFileSync(qualityPath, 'utf8')) as { engines: Array<{ engine: string }> };
    const record = {
      engine: model,
      measuredOn: `real-mail test split (${email.count} messages; never used for tuning)${fake ? ', answered by the fake OpenAI server (keyword heuristics, not a real model)' : ''}`,
      measuredAt: new Date().toISOString().slice(0, 10),
      command: `npx tsx scripts/calibrate-llm.ts${fake ? ' --fake' : ''}`,
      kinds: { email },
    };
    quality.engines = [...quality.engines.filter((e) => e.engine !== model), record];
    writeFileSync(qualityPath, `${JSON.stringify(quality, null, 1)}\n`);
    console.log(`wrote ${calibrationPath} and ${qualityPath}`);
  }
} finally {
  await server?.close();
}
