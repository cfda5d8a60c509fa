/**
 * Judging one page's items, so that nothing is lost when the model fails. An item the model could
 * not judge (HTTP error, timeout, refusal, malformed or missing verdict) waits and is tried again on
 * later syncs, with backoff; after MAX_MODEL_ATTEMPTS failed attempts the offline engine judges it
 * and the suggestion says so. Only an item that defeats the engine itself (over its deadline, or it
 * crashed the reader) is quarantined. Once the model failed a whole request in a run, the rest of
 * the run's items wait without asking it again.
 */
import { isFailure, type GeneratedSuggestion, type GenerationContext, type SuggestionEngine, type ThreadMessage } from '../ai/types';
import type { ProviderItem } from '../items/provider-item';
import { exponentialMs } from '../lib/backoff';
import type { QuarantinedItem } from '../providers/provider';

/** Failed model attempts after which the offline engine judges the item. */
export const MAX_MODEL_ATTEMPTS = 3;
/** The flag a suggestion carries when the offline engine judged it because the model kept failing. */
export const JUDGED_OFFLINE_FLAG = 'judged-offline:model-failed';
const WAIT_BASE_MS = 60_000;
const WAIT_CAP_MS = 60 * 60_000;

/** An item to judge and the model attempts that already failed on it. */
export interface Candidate {
  item: ProviderItem;
  attempts: number;
}

/** An item that waits for the model. */
export interface Waiting {
  item: ProviderItem;
  attempts: number;
  nextAttemptAt: Date;
  error: string;
}

/** What judging a batch gave. */
export interface Judged {
  verdicts: Array<{ item: ProviderItem; verdict: GeneratedSuggestion }>;
  quarantined: QuarantinedItem[];
  waiting: Waiting[];
  tokens: number;
  /** Items the offline engine judged after the model failed on them MAX_MODEL_ATTEMPTS times. */
  judgedOffline: number;
}

/** When a wait after `attempts` failed attempts ends: 1, 2, 4... minutes, capped at an hour. */
export function nextAttemptAt(now: Date, attempts: number): Date {
  return new Date(now.getTime() + exponentialMs(attempts - 1, WAIT_BASE_MS, WAIT_CAP_MS));
}

/** Collaborators of a run's judge. */
export interface JudgeDeps {
  /** The engine of this run (the LLM, or the offline engine). */
  engine: SuggestionEngine;
  /** The offline engine (in the content worker), for items the model failed too often. */
  offline: SuggestionEngine;
  context: GenerationContext;
}

/** Creates the judge of one run. */
export function createJudge(deps: JudgeDeps) {
  const modelIsOffline = deps.engine === deps.offline;
  let modelDown: string | null = null;

  async function offlineFallback(candidates: Candidate[], judged: Judged, context: GenerationContext): Promise<void> {
    if (candidates.length === 0) return;
    const { results } = await deps.offline.generate(candidates.map((candidate) => candidate.item), context);
    for (const { item } of candidates) {
      const entry = results.get(item.id);
      if (!entry || isFailure(entry)) {
        judged.quarantined.push({ itemId: item.id, itemType: item.type, reason: entry ? entry.error : 'The offline engine gave no verdict.' });
        continue;
      }
      const reasoning = `Judged offline after the model failed ${MAX_MODEL_ATTEMPTS} times. ${entry.reasoning}`.trim();
      judged.verdicts.push({ item, verdict: { ...entry, reasoning, flags: [...new Set([...entry.flags, JUDGED_OFFLINE_FLAG])] } });
      judged.judgedOffline += 1;
    }
  }

  return {
    /** The sentence of the model failure that stopped this run from asking it, or null. */
    modelDown: () => modelDown,
    /**
     * Judges `candidates`; every one ends as a verdict, a quarantine or a wait. `threads`: the messages
     * of their threads the run has seen so far (the person's own included), for "already answered".
     */
    async judge(candidates: Candidate[], threads?: ReadonlyMap<string, readonly ThreadMessage[]>): Promise<Judged> {
      const judged: Judged = { verdicts: [], quarantined: [], waiting: [], tokens: 0, judgedOffline: 0 };
      if (candidates.length === 0) return judged;
      const context: GenerationContext = threads ? { ...deps.context, threads } : deps.context;
      const failedModel: Array<Candidate & { error: string }> = [];
      if (modelDown !== null && !modelIsOffline) {
        failedModel.push(...candidates.map((candidate) => ({ ...candidate, error: modelDown! })));
      } else {
        const { results, usage } = await deps.engine.generate(candidates.map((candidate) => candidate.item), context);
        judged.tokens += usage.promptTokens + usage.completionTokens;
        for (const candidate of candidates) {
          const entry = results.get(candidate.item.id) ?? { error: 'The engine gave no verdict.', cause: 'model' as const };
          if (!isFailure(entry)) judged.verdicts.push({ item: candidate.item, verdict: entry });
          else if (entry.cause === 'unreadable' || modelIsOffline) judged.quarantined.push({ itemId: candidate.item.id, itemType: candidate.item.type, reason: entry.error });
          else failedModel.push({ ...candidate, error: entry.error });
        }
        // The model failed every item it was given: it is down, not picky. Stop asking it this run.
        if (failedModel.length === candidates.length && !modelIsOffline) modelDown = failedModel[0]!.error;
      }
      const exhausted: Candidate[] = [];
      for (const candidate of failedModel) {
        const attempts = candidate.attempts + 1;
        if (attempts >= MAX_MODEL_ATTEMPTS) exhausted.push({ item: candidate.item, attempts });
        else judged.waiting.push({ item: candidate.item, attempts, nextAttemptAt: nextAttemptAt(deps.context.now, attempts), error: candidate.error });
      }
      await offlineFallback(exhausted, judged, context);
      return judged;
    },
  };
}
