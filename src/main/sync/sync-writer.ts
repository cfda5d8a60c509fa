/**
 * The transactions of a sync. Each page is one transaction: its item outcomes, suggestions (upsert
 * on the item key; dismissed tombstones untouched), auto-approved tasks, items waiting for the
 * model, withdrawn suggestions, the cursor that resumes after the page, and the log's running
 * figures. Either all of a page is stored or none of it, so a crash can only repeat the page in
 * flight, never lose or duplicate anything. The last transaction closes the run.
 */
import type { TaskDto } from '../../shared/models';
import type { GeneratedSuggestion } from '../ai/types';
import type { Repositories } from '../db/repositories';
import type { SyncFigures, SyncProgressFigures } from '../db/sync-log-repository';
import type { FilteredItem, QuarantinedItem } from '../providers/provider';
import { itemTypeOf, toPreview, type ProviderItem } from '../items/provider-item';
import type { Waiting } from './judging';
import { mergeStoredSuggestion } from '../merge/merge-step';
import { senderKeyOf } from '../items/sender-key';
import { decideAutoApprove, type AutoApproveContext, type AutoApproveDecision } from './auto-approve';

/** Everything one page stores. */
export interface PageOutcome {
  integrationId: number;
  logId: number;
  filtered: FilteredItem[];
  quarantined: QuarantinedItem[];
  verdicts: Array<{ item: ProviderItem; verdict: GeneratedSuggestion }>;
  /** Items judged again because they changed at the source (their pending suggestion is updated or withdrawn). */
  revisedIds?: ReadonlySet<string>;
  waiting: Waiting[];
  withdrawn: string[];
  /** The cursor to store; undefined keeps the stored one. */
  cursor: unknown;
  /** Addresses the person wrote to, read with this page (known correspondents, recorded before any verdict). */
  correspondents?: string[];
  /** What the one auto-approve decision weighs (sync/auto-approve.ts). */
  autoApprove: AutoApproveContext;
  /** The person's IANA time zone, as the engine judged the page in (the merge reads times in it). */
  timeZone: string;
  /** Rule ID -> items it acted on in this page (the person's rules' hit counts). */
  ruleHits?: ReadonlyMap<number, number>;
  /** The run's figures with this page counted, except its suggestions and auto-approvals (known only here, and added). */
  progress: SyncProgressFigures;
  /**
   * Called inside the transaction for each task auto-approval created, after the one auto-approve
   * decision above (its Google Tasks copy is queued there, as for an approval by the person).
   */
  onTaskCreated?: (task: TaskDto) => void;
}

/** What one page's transaction did. */
export interface PageWriteResult {
  suggestionsGenerated: number;
  threadUpdates: number;
  autoApproved: number;
  withdrawn: number;
  /** Pending suggestions updated because their message was edited. */
  revised: number;
}

/** The end of a successful run. */
export interface RunOutcome {
  integrationId: number;
  logId: number;
  figures: Omit<SyncFigures, 'status'>;
  nextSyncAt: Date;
  now: Date;
}

/** Stores one page in one transaction; returns what it did. */
export function writePage(repos: Repositories, outcome: PageOutcome): PageWriteResult {
  const { integrationId } = outcome;
  return repos.db.transaction(() => {
    const result: PageWriteResult = { suggestionsGenerated: 0, threadUpdates: 0, autoApproved: 0, withdrawn: 0, revised: 0 };
    // Before any verdict: a reply sent in this very page makes its recipient known.
    repos.correspondents.recordWrittenTo(outcome.correspondents ?? []);
    const settle = (seen: Parameters<typeof repos.providerItems.settle>[0]) => {
      repos.providerItems.settle(seen);
      if (seen.outcome !== 'waiting') repos.waits.remove(integrationId, seen.itemId);
    };
    for (const item of outcome.filtered) settle({ integrationId, itemId: item.itemId, itemType: item.itemType, threadKey: item.threadKey, outcome: 'filtered', reason: item.reason });
    for (const item of outcome.quarantined) settle({ integrationId, itemId: item.itemId, itemType: item.itemType, threadKey: null, outcome: 'quarantined', reason: item.reason });
    for (const wait of outcome.waiting) {
      settle({ integrationId, itemId: wait.item.id, itemType: itemTypeOf(wait.item), threadKey: wait.item.threadKey, outcome: 'waiting', reason: wait.error.slice(0, 300) });
      repos.waits.save({ integrationId, itemId: wait.item.id, itemType: itemTypeOf(wait.item), threadKey: wait.item.threadKey, snapshot: wait.item, attempts: wait.attempts, nextAttemptAt: wait.nextAttemptAt.toISOString(), lastError: wait.error.slice(0, 300) });
    }
    for (const { item, verdict } of outcome.verdicts) {
      const itemType = itemTypeOf(item);
      const seen = { integrationId, itemId: item.id, itemType, threadKey: item.threadKey, reason: null };
      const merged = { ...verdict, flags: [...new Set([...verdict.flags, ...item.contentFlags])] };
      // Asked only of verdicts that need action: a known-correspondent lookup per item is not free.
      const decide = (): AutoApproveDecision => decideAutoApprove(outcome.autoApprove, merged, itemType, senderKeyOf(item), (key) => repos.correspondents.isKnown(key));
      const pendingId = outcome.revisedIds?.has(item.id) ? repos.suggestions.pendingIdFor(integrationId, item.id) : null;
      if (pendingId !== null) {
        // The item changed at the source while its suggestion waited: the new verdict replaces the old
        // one and stays pending (the person already saw it), with the reasons a hold would give.
        if (!verdict.needsAction) result.withdrawn += repos.suggestions.withdrawPending(integrationId, item.id) ? 1 : 0;
        else if (repos.suggestions.revisePending(pendingId, { ...merged, flags: [...merged.flags, ...decide().holds], itemType, itemId: item.id, snapshot: item, preview: toPreview(item) })) result.revised += 1;
        continue;
      }
      if (!verdict.needsAction) {
        settle({ ...seen, outcome: 'no_action', reason: verdict.reasoning.slice(0, 300) });
        continue;
      }
      const decision = decide();
      const content = { ...merged, flags: [...merged.flags, ...decision.holds] };
      const stored = repos.suggestions.upsertForItem({
        ...content,
        integrationId,
        itemType,
        itemId: item.id,
        threadKey: item.threadKey,
        snapshot: item,
        preview: toPreview(item),
      });
      settle({ ...seen, outcome: 'suggested' });
      if (stored.outcome === 'thread_updated') result.threadUpdates += 1;
      // The same commitment from another source (an invitation and its event): one suggestion, not two.
      if (mergeStoredSuggestion(repos.merges, { ...stored, integrationId, item, content, timeZone: outcome.timeZone })) continue;
      if (stored.outcome !== 'inserted') continue;
      result.suggestionsGenerated += 1;
      if (decision.approve) {
        const task = repos.tasks.create({ title: verdict.title, description: verdict.description, priority: verdict.priority, dueAt: verdict.deadline, tags: verdict.tags, suggestionId: stored.id });
        repos.suggestions.setStatus(stored.id, 'auto_approved', task.id);
        outcome.onTaskCreated?.(repos.tasks.get(task.id) ?? task);
        result.autoApproved += 1;
      }
    }
    if (outcome.ruleHits && outcome.ruleHits.size > 0) repos.rules.addHits(outcome.ruleHits);
    for (const itemId of outcome.withdrawn) result.withdrawn += repos.suggestions.withdrawPending(integrationId, itemId) ? 1 : 0;
    if (outcome.cursor !== undefined) repos.integrations.setCursor(integrationId, outcome.cursor);
    repos.syncLogs.progress(outcome.logId, {
      ...outcome.progress,
      suggestionsGenerated: outcome.progress.suggestionsGenerated + result.suggestionsGenerated,
      autoApproved: outcome.progress.autoApproved + result.autoApproved,
    });
    return result;
  }).immediate();
}

/** Closes a successful run: schedule, status, and the log row with its final figures. */
export function finishRun(repos: Repositories, outcome: RunOutcome) {
  const { integrationId } = outcome;
  return repos.db.transaction(() => {
    repos.integrations.setSchedule(integrationId, outcome.now.toISOString(), outcome.nextSyncAt.toISOString());
    repos.integrations.setStatus(integrationId, 'connected', null);
    repos.integrations.setConsecutiveFailures(integrationId, 0);
    const partial = outcome.figures.itemsQuarantined > 0 || (outcome.figures.itemsWaiting ?? 0) > 0;
    return repos.syncLogs.finish(outcome.logId, { ...outcome.figures, status: partial ? 'partial' : 'succeeded' });
  }).immediate();
}
