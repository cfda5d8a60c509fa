/**
 * What the app learns from the person's decisions: the personal model (updated after each review,
 * saved in the data folder, resettable), the auto-approve threshold calibrated on their outcomes,
 * the guidance the LLM's prompt carries, and the stats. Reviews arrive after their transaction
 * committed, so a review that failed teaches nothing.
 */
import type { LearningStatusDto, StatsDto } from '../../shared/models';
import { adaptThreshold, CALIBRATION_WINDOW, type AdaptedThreshold } from '../ai/learning/calibration';
import { GUIDANCE_MAX_EXAMPLES, GUIDANCE_MAX_RULES, type PersonalGuidance } from '../ai/learning/guidance';
import { loadPersonalModel, removePersonalModel, savePersonalModel } from '../ai/learning/personal-model-file';
import { emptyPersonalModel, forgetDecision, learnDecisions, trust, type Decision, type PersonalInput, type PersonalModelState } from '../ai/learning/personal-model';
import type { Clock } from '../clock';
import type { DecidedSuggestion } from '../db/decision-repository';
import type { Repositories } from '../db/repositories';
import { canonicalListId, domainOf } from '../items/rules';
import type { Logger } from '../logging/logger';
import type { SettingsStore } from '../settings/settings-store';
import type { Review } from './suggestion-service';

/** Collaborators of the learning service. */
export interface LearningDeps {
  repos: Repositories;
  settings: SettingsStore;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  /** Wait before writing the model after a change, so a burst of reviews is one write (default 1 s). */
  saveDelayMs?: number;
}

/** The personal model's view of a decided suggestion: edited titles count as the text approved. */
export function personalInputOfDecision(decided: DecidedSuggestion): PersonalInput {
  return {
    kind: decided.itemType,
    sender: decided.senderKey,
    domain: decided.itemType === 'slack_message' ? null : domainOf(decided.senderKey),
    list: canonicalListId(decided.listKey),
    channel: decided.channelKey,
    text: decided.taskTitle ?? decided.title,
  };
}

/** Creates the learning service (loads the stored model once). */
export function createLearningService(deps: LearningDeps) {
  const { repos, clock } = deps;
  const now = () => clock.now();
  const loaded = loadPersonalModel(deps.dataDir, now);
  if (loaded.setAside) deps.logger.warn('The personal model could not be read; it was set aside and learning starts again', { movedTo: loaded.setAside });
  let model: PersonalModelState = loaded.state;

  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  const writeNow = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    try {
      savePersonalModel(deps.dataDir, model);
    } catch (error) {
      // The model is a convenience: the decisions themselves are in the database.
      deps.logger.warn('Could not save the personal model', { error });
    }
  };
  // A burst of reviews (keyboard triage, a batch) is one write; stop() writes what is left.
  const save = () => {
    if (saveTimer) return;
    saveTimer = setTimeout(writeNow, deps.saveDelayMs ?? 1000);
    saveTimer.unref?.();
  };

  const decisionOf = (id: number, approved: boolean): Decision | null => {
    const decided = repos.decisions.decided(id);
    return decided ? { suggestionId: id, input: personalInputOfDecision(decided), shownConfidence: decided.confidence, approved, at: now().toISOString() } : null;
  };
  const learn = (id: number, approved: boolean): boolean => {
    const decision = decisionOf(id, approved);
    if (decision) model = learnDecisions(model, [decision]);
    return decision !== null;
  };

  const calibration = (): AdaptedThreshold => adaptThreshold(repos.decisions.outcomes(CALIBRATION_WINDOW), deps.settings.get().autoApproveThreshold);

  const status = (): LearningStatusDto => {
    const settings = deps.settings.get();
    const adapted = calibration();
    return {
      personalModel: { decisions: model.decisions, revision: model.revision, updatedAt: model.updatedAt, weight: Math.round(trust(model.decisions) * 1000) / 1000 },
      autoApprove: {
        enabled: settings.autoApproveEnabled,
        settingThreshold: settings.autoApproveThreshold,
        effectiveThreshold: adapted.threshold,
        explanation: adapted.explanation,
        undone: adapted.undone,
        kept: adapted.kept,
      },
    };
  };

  return {
    /** The current personal model (the offline engine reads it at every generate call). */
    personalModel: (): PersonalModelState => model,
    /** Learns from reviews that committed: approvals and dismissals teach, an undo takes its lesson back. */
    afterReview(reviews: readonly Review[]): void {
      const before = model;
      const decisions: Decision[] = [];
      for (const review of reviews) {
        // Putting an auto-approved task back in the feed says auto-approve was wrong about it.
        const decision = review.kind !== 'restored' ? decisionOf(review.id, review.kind === 'approved') : review.previous === 'auto_approved' ? decisionOf(review.id, false) : null;
        if (decision) decisions.push(decision);
        else if (review.kind === 'restored') {
          model = learnDecisions(model, decisions.splice(0));
          model = forgetDecision(model, review.id, now().toISOString());
        }
      }
      model = learnDecisions(model, decisions);
      if (model !== before) save();
    },
    /** A deleted task that auto-approve made is an undone auto-approval: learned as a dismissal. */
    afterTaskDeleted(suggestionId: number | null): void {
      if (suggestionId === null) return;
      const suggestion = repos.suggestions.get(suggestionId);
      if (suggestion?.status !== 'auto_approved') return;
      if (learn(suggestionId, false)) save();
    },
    /** The auto-approve threshold this person's outcomes call for, from the one in Settings (the sync gates with it). */
    personalThreshold(setting: number): AdaptedThreshold {
      return adaptThreshold(repos.decisions.outcomes(CALIBRATION_WINDOW), setting);
    },
    /** The person's active rules and recent decisions, for the LLM's prompt. */
    guidance(): PersonalGuidance | null {
      const rules = repos.rules.active().slice(-GUIDANCE_MAX_RULES).reverse();
      const examples = repos.decisions.examples(GUIDANCE_MAX_EXAMPLES);
      return rules.length === 0 && examples.length === 0 ? null : { rules, examples };
    },
    /** Stats over the suggestions that arrived since `since`. */
    stats(since: string | null = null): StatsDto {
      return repos.stats.stats(since);
    },
    status,
    /** Writes a change not yet saved (the core calls it when it stops). */
    flush(): void {
      if (saveTimer) writeNow();
    },
    /** Forgets the personal model; the shipped model alone judges again. Rules and decisions stay. */
    reset(): LearningStatusDto {
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = null;
      model = emptyPersonalModel();
      removePersonalModel(deps.dataDir);
      deps.logger.info('The personal model was reset');
      return status();
    },
  };
}

/** The learning service's type. */
export type LearningService = ReturnType<typeof createLearningService>;
