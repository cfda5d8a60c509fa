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

/** Auto-approve policy from Settings. */
export interface AutoApprovePolicy {
  enabled: boolean;
  threshold: number;
}

/** Everything a finished sync stores. */
export interface SyncOutcome {
  integration: IntegrationRecord;
  logId: number;
  fetched: FetchResult;
  filtered: FilteredItem[];
  verdicts: Array<{ item: ProviderItem; verdict: GeneratedSuggestion }>;
  failures: QuarantinedItem[];
  policy: AutoApprovePolicy;
  figures: Omit<SyncFigures, 'status' | 'suggestionsGenerated' | 'autoApproved' | 'itemsQuarantined'>;
  nextSyncAt: Date;
  now: Date;
  /** Called inside the transaction for each task auto-approval created (its Google Tasks copy is queued there). */
  onTaskCreated?: (task: TaskDto) => void;
}

/** What the transaction did. */
export interface SyncWriteResult {
  suggestionsGenerated: number;
  threadUpdates: number;
  autoApproved: number;
  withdrawn: number;
}

/** True when a verdict may become a task without the person looking at it. */
function mayAutoApprove(verdict: GeneratedSuggestion, policy: AutoApprovePolicy): boolean {
  return policy.enabled && verdict.needsAction && verdict.confidence >= policy.threshold && verdict.flags.length === 0;
}

/** Runs the final transaction; returns the counts and the finished log row. */
export function writeSyncOutcome(repos: Repositories, outcome: SyncOutcome) {
  const { integration } = outcome;
  const integrationId = integration.id;
  return repos.db.transaction(() => {
    const result: SyncWriteResult = { suggestionsGenerated: 0, threadUpdates: 0, autoApproved: 0, withdrawn: 0 };
    for (const item of outcome.filtered) {
      repos.providerItems.record({ integrationId, itemId: item.itemId, itemType: item.itemType, threadKey: item.threadKey, outcome: 'filtered', reason: item.reason });
    }
    const quarantined = [...outcome.fetched.quarantined, ...outcome.failures];
    for (const item of quarantined) {
      repos.providerItems.record({ integrationId, itemId: item.itemId, itemType: item.itemType, threadKey: null, outcome: 'quarantined', reason: item.reason });
    }
    for (const { item, verdict } of outcome.verdicts) {
      const seen = { integrationId, itemId: item.id, itemType: itemTypeOf(item), threadKey: item.threadKey, reason: null };
      if (!verdict.needsAction) {
        repos.providerItems.record({ ...seen, outcome: 'no_action', reason: verdict.reasoning.slice(0, 300) });
        continue;
      }
      const flags = [...new Set([...verdict.flags, ...item.contentFlags])];
      const content = { ...verdict, flags };
      const stored = repos.suggestions.upsertForItem({
        ...content,
        integrationId,
        itemType: itemTypeOf(item),
        itemId: item.id,
        threadKey: item.threadKey,
        snapshot: item,
        preview: toPreview(item),
      });
      repos.providerItems.record({ ...seen, outcome: 'suggested' });
      if (stored.outcome === 'thread_updated') result.threadUpdates += 1;
      if (stored.outcome !== 'inserted') continue;
      result.suggestionsGenerated += 1;
      if (mayAutoApprove(content, outcome.policy)) {
        const task = repos.tasks.create({ title: verdict.title, description: verdict.description, priority: verdict.priority, dueAt: verdict.deadline, tags: verdict.tags, suggestionId: stored.id });
        repos.suggestions.setStatus(stored.id, 'auto_approved', task.id);
        outcome.onTaskCreated?.(repos.tasks.get(task.id) ?? task);
        result.autoApproved += 1;
      }
    }
    for (const itemId of outcome.fetched.withdrawn) result.withdrawn += repos.suggestions.withdrawPending(integrationId, itemId) ? 1 : 0;
    repos.integrations.setCursor(integrationId, outcome.fetched.nextCursor);
    repos.integrations.setSchedule(integrationId, outcome.now.toISOString(), outcome.nextSyncAt.toISOString());
    repos.integrations.setStatus(integrationId, 'connected', null);
    repos.integrations.setConsecutiveFailures(integrationId, 0);
    const notes = [...outcome.figures.notes];
    if (result.threadUpdates > 0) notes.push(`${result.threadUpdates} suggestion(s) updated by newer messages in their thread.`);
    if (result.withdrawn > 0) notes.push(`${result.withdrawn} pending suggestion(s) withdrawn because the source was cancelled.`);
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
