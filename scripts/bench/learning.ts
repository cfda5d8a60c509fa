/**
 * Part learning: a simulated person with consistent preferences (learning-stream.ts) triages 1,000
 * items in arrival order through the app's real core (sync engine with the offline engine, rules,
 * personal model, suggestion and rule services), 20 items a sync. Auto-approve runs under the real
 * policy: the engine's measured gate per item kind (offline-v1 earned it on email only, at 0.90 for a
 * 0.85 setting; Slack is unmeasured, so Slack items always go to the feed) raised further by this
 * person's adapted threshold. The stream is mostly email, so auto-approve is measured on the kind
 * where it is on. The person:
 * - every suggestion in the feed is approved when they want it (one approval in five with an edited
 *   title) and dismissed otherwise;
 * - an auto-approved task they do not want is undone (its task deleted, or sent back and dismissed);
 * - a proposed rule is accepted when it names a source they never act on, ignored otherwise;
 * - they set no rule by hand.
 * Figures per window of arrival: dismiss rate = (dismissed + undone auto-approvals) / suggestions
 * shown (in the feed or auto-approved); auto-approve precision = auto-approved they wanted / auto-approved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodePlatform } from '../../src/host/node-platform';
import { createCore } from '../../src/main/core';
import { createProviderRegistry } from '../../src/main/providers/registry';
import { createScriptedAccount, scriptedProvider } from '../../test/fakes/scripted/scripted-provider';
import { firstSync } from '../../test/helpers/test-core';
import { buildLearningStream, NEVER_SOURCES, type StreamItem } from './learning-stream';
import { round } from './stats';

const BATCH = 20;

interface Fate {
  shown: boolean;
  autoApproved: boolean;
  rejected: boolean;
}

function windowFigures(stream: readonly StreamItem[], fates: ReadonlyMap<string, Fate>, from: number, to: number) {
  let shown = 0;
  let rejected = 0;
  let auto = 0;
  let autoWanted = 0;
  let wanted = 0;
  let wantedShown = 0;
  for (const entry of stream.slice(from, to)) {
    const fate = fates.get(entry.item.id);
    if (entry.wanted) wanted += 1;
    if (!fate?.shown) continue;
    shown += 1;
    if (fate.rejected) rejected += 1;
    if (entry.wanted) wantedShown += 1;
    if (fate.autoApproved) {
      auto += 1;
      if (entry.wanted) autoWanted += 1;
    }
  }
  return {
    shown,
    rejected,
    dismiss_rate: shown > 0 ? round(rejected / shown, 3) : null,
    auto_approved: auto,
    auto_approve_precision: auto > 0 ? round(autoWanted / auto, 3) : null,
    wanted_items: wanted,
    wanted_shown: wantedShown,
  };
}

const isNeverSource = (scope: string, value: string) =>
  (scope === 'sender' && NEVER_SOURCES.newsletters.includes(value)) || (scope === 'list' && value === NEVER_SOURCES.list) || (scope === 'channel' && value === NEVER_SOURCES.channel);

/** Runs the simulation; returns the learning figures, and the same run without the personal model for comparison. */
export async function benchLearning(options: { log(line: string): void; items?: number }) {
  const withModel = await simulate({ ...options, personalModel: true });
  const without = await simulate({ ...options, personalModel: false });
  return {
    ...withModel,
    without_personal_model: {
      dismiss_rate_first_200: without.dismiss_rate_first_200,
      dismiss_rate_last_200: without.dismiss_rate_last_200,
      auto_approve_precision_last_200: without.auto_approve_precision_last_200,
      note: 'the same stream and person with the personal model reset after every round (rules and calibration still learn)',
    },
  };
}

async function simulate(options: { log(line: string): void; items?: number; personalModel: boolean }) {
  const stream = buildLearningStream(options.items ?? 1000);
  const wanted = new Map(stream.map((entry) => [entry.item.id, entry.wanted]));
  const account = createScriptedAccount();
  const dataDir = mkdtempSync(join(tmpdir(), 'pt-bench-learning-'));
  const core = createCore(createNodePlatform({ dataDir, openExternalMode: 'print', log: () => undefined }), { registry: createProviderRegistry([scriptedProvider(account)]), sleep: async () => undefined });
  const started = performance.now();
  try {
    const { services } = core;
    core.settings.update({ engine: 'offline', autoApproveEnabled: true, autoApproveThreshold: 0.85, notificationsEnabled: false });
    const { integrationId } = await services.connections.connect({ provider: 'notion', options: { path: 'bench-person' } });
    await firstSync(core, integrationId);
    const fates = new Map<string, Fate>();
    const accepted: string[] = [];
    const ignored: string[] = [];
    let approvals = 0;
    let undoByDelete = true;
    for (let start = 0; start < stream.length; start += BATCH) {
      account.items.push(...stream.slice(start, start + BATCH).map((entry) => entry.item));
      await services.sync.syncIntegration(integrationId, 'schedule');
      // Auto-approved tasks they do not want are undone, one way or the other.
      for (const suggestion of services.suggestions.list({ status: 'auto_approved', limit: 1000 }).items) {
        if (fates.has(suggestion.itemId)) continue;
        const ok = wanted.get(suggestion.itemId) === true;
        fates.set(suggestion.itemId, { shown: true, autoApproved: true, rejected: !ok });
        if (ok) continue;
        if (undoByDelete && suggestion.taskId !== null) services.tasks.remove(suggestion.taskId);
        else services.suggestions.restore(suggestion.id);
        undoByDelete = !undoByDelete;
      }
      // The feed, one suggestion at a time.
      for (const suggestion of services.suggestions.list({ limit: 1000 }).items) {
        const ok = wanted.get(suggestion.itemId) === true;
        const fate = fates.get(suggestion.itemId) ?? { shown: true, autoApproved: false, rejected: false };
        fates.set(suggestion.itemId, { ...fate, rejected: fate.rejected || !ok });
        if (!ok) services.suggestions.dismiss(suggestion.id);
        else if (++approvals % 5 === 0) services.suggestions.approve(suggestion.id, { title: `Do: ${suggestion.title.slice(0, 60)}` });
        else services.suggestions.approve(suggestion.id);
      }
      if (!options.personalModel) services.learning.reset();
      for (const rule of services.rules.list().filter((entry) => entry.status === 'proposed')) {
        const target = `${rule.scope}:${rule.value}`;
        if (isNeverSource(rule.scope, rule.value)) {
          services.rules.accept(rule.id);
          accepted.push(`${target} (after item ${start + BATCH})`);
        } else {
          services.rules.remove(rule.id);
          ignored.push(target);
        }
      }
    }
    const n = stream.length;
    const first = windowFigures(stream, fates, 0, 200);
    const last = windowFigures(stream, fates, n - 200, n);
    const status = services.learning.status();
    const stats = services.learning.stats();
    options.log(`learning${options.personalModel ? '' : ' (no personal model)'}: dismiss rate ${first.dismiss_rate} -> ${last.dismiss_rate}, auto-approve precision (last 200) ${last.auto_approve_precision}`);
    return {
      items: n,
      engine: options.personalModel ? 'offline-v1 + personal model' : 'offline-v1',
      dismiss_rate_first_200: first.dismiss_rate,
      dismiss_rate_last_200: last.dismiss_rate,
      auto_approve_precision_last_200: last.auto_approve_precision,
      aims: {
        dismiss_rate_halved: first.dismiss_rate !== null && last.dismiss_rate !== null && last.dismiss_rate <= first.dismiss_rate / 2,
        auto_approve_precision_at_least_0_9: last.auto_approve_precision !== null && last.auto_approve_precision >= 0.9,
      },
      first_200: first,
      last_200: last,
      all: windowFigures(stream, fates, 0, n),
      rules_accepted: accepted,
      proposals_ignored: ignored,
      auto_approve_threshold: { setting: status.autoApprove.settingThreshold, in_force: status.autoApprove.effectiveThreshold },
      // The gates the sync applied at the end (engine's measured gate, then the person's threshold).
      auto_approve_gates: Object.fromEntries(
        services.settings
          .view()
          .autoApprove.filter((gate) => gate.engine === 'offline-v1')
          .map((gate) => [gate.itemType, { enabled: gate.enabled, threshold: gate.threshold }]),
      ),
      personal_model_decisions: status.personalModel.decisions,
      approval_rate: stats.approvalRate === null ? null : round(stats.approvalRate, 3),
      seconds: round((performance.now() - started) / 1000, 1),
      definitions: 'dismiss rate = (dismissed + undone auto-approvals) / suggestions shown, over the items of the window in arrival order',
    };
  } finally {
    await core.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
