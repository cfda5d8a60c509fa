/**
 * The one transaction that ends a sync: item outcomes, suggestions (upsert on the item key; dismissed
 * tombstones untouched), auto-approved tasks, withdrawn suggestions, the new cursor, the schedule and
 * the sync log. Either all of it is stored or none of it, so a crash can only repeat work, never lose
 * or duplicate it.
 */
import type { TaskDto } from '../../shared/models';
import type { GeneratedSuggestion } from '../ai/types';
import type { IntegrationRecord } from '../db/integration-repository';
import type { Repositories } from '../db/repositories';
import type { SyncFigures } from '../db/sync-log-repository';
import type { FetchResult, FilteredItem, QuarantinedItem } from '../providers/provider';
import { itemTypeOf, toPreview, type ProviderItem } from '../items/provider-item';
import { mergeStoredSuggestion } from '../merge/merge-step';
import { senderKeyOf } from '../items/sender-key';
import { decideAutoApprove, type AutoApproveContext, type AutoApproveDecision } from './auto-approve';

/** Everything a finished sync stores. */
export interface SyncOutcome {
  integration: IntegrationRecord;
  logId: number;
  fetched: FetchResult;
  filtered: FilteredItem[];
  verdicts: Array<{ item: ProviderItem; verdict: GeneratedSuggestion }>;
  /** Items judged again because they changed at the source (their pending suggestion is updated or withdrawn). */
  revisedIds?: ReadonlySet<string>;
  failures: QuarantinedItem[];
  /** Rule ID -> items it acted on (the person's rules' hit counts). */
  ruleHits?: ReadonlyMap<number, number>;
  /** What the one auto-approve decision weighs (sync/auto-approve.ts). */
  autoApprove: AutoApproveContext;
  figures: Omit<SyncFigures, 'status' | 'suggestionsGenerated' | 'autoApproved' | 'itemsQuarantined'>;
  nextSyncAt: Date;
  now: Date;
  /**
   * Called inside the transaction for each task auto-approval created, after the one auto-approve
   * decision above (its Google Tasks copy is queued there, as for an approval by the person).
   */
  onTaskCreated?: (task: TaskDto) => void;
}

/** What the transaction did. */
export interface SyncWriteResult {
  suggestionsGenerated: number;
  threadUpdates: number;
  autoApproved: number;
  withdrawn: number;
  revised: number;
}

/** Runs the final transaction; returns the counts and the finished log row. */
export function writeSyncOutcome(repos: Repositories, outcome: SyncOutcome) {
  const { integration } = outcome;
  const integrationId = integration.id;
  return repos.db.transaction(() => {
    const result: SyncWriteResult = { suggestionsGenerated: 0, threadUpdates: 0, autoApproved: 0, withdrawn: 0, revised: 0 };
    // Before any verdict: a reply sent in this very batch makes its recipient known.
    repos.correspondents.recordWrittenTo(outcome.fetched.correspondents ?? []);
    for (const item of outcome.filtered) {
      repos.providerItems.record({ integrationId, itemId: item.itemId, itemType: item.itemType, threadKey: item.threadKey, outcome: 'filtered', reason: item.reason });
    }
    const quarantined = [...outcome.fetched.quarantined, ...outcome.failures];
    for (const item of quarantined) {
      repos.providerItems.record({ integrationId, itemId: item.itemId, itemType: item.itemType, threadKey: null, outcome: 'quarantined', reason: item.reason });
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
        repos.providerItems.record({ ...seen, outcome: 'no_action', reason: verdict.reasoning.slice(0, 300) });
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
      repos.providerItems.record({ ...seen, outcome: 'suggested' });
      if (stored.outcome === 'thread_updated') result.threadUpdates += 1;
      // The same commitment from another source (an invitation and its event): one suggestion, not two.
      if (mergeStoredSuggestion(repos.merges, { ...stored, integrationId, item, content })) continue;
      if (stored.outcome !== 'inserted') continue;
      result.suggestionsGenerated += 1;
      if (decision.approve) {
        const task = repos.tasks.create({ title: verdict.title, description: verdict.description, priority: verdict.priority, dueAt: verdict.deadline, tags: verdict.tags, suggestionId: stored.id });
        repos.suggestions.setStatus(stored.id, 'auto_approved', task.id);
        outcome.onTaskCreated?.(repos.tasks.get(task.id) ?? task);
        result.autoApproved += 1;
      }
    }
    if (outcome.ruleHits) repos.rules.addHits(outcome.ruleHits);
    for (const itemId of outcome.fetched.withdrawn) result.withdrawn += repos.suggestions.withdrawPending(integrationId, itemId) ? 1 : 0;
    repos.integrations.setCursor(integrationId, outcome.fetched.nextCursor);
    repos.integrations.setSchedule(integrationId, outcome.now.toISOString(), outcome.nextSyncAt.toISOString());
    repos.integrations.setStatus(integrationId, 'connected', null);
    repos.integrations.setConsecutiveFailures(integrationId, 0);
    const notes = [...outcome.figures.notes];
    if (result.threadUpdates > 0) notes.push(`${result.threadUpdates} suggestion(s) updated by newer messages in their thread.`);
    if (result.revised > 0) notes.push(`${result.revised} pending suggestion(s) updated because their message was edited.`);
    if (result.withdrawn > 0) notes.push(`${result.withdrawn} pending suggestion(s) withdrawn because the source was cancelled, deleted or handled there.`);
    const log = repos.syncLogs.finish(outcome.logId, {
      ...outcome.figures,
      notes,
      status: quarantined.length > 0 ? 'partial' : 'succeeded',
      itemsQuarantined: quarantined.length,
      suggestionsGenerated: result.suggestionsGenerated,
      autoApproved: result.autoApproved,
    });
    return { result, log };
  }).immediate();
}
