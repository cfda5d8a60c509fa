/**
 * Reviewing suggestions: approve (optionally edited) into a task, dismiss into a tombstone, approve in
 * batches, and restore (the undo toast). Each review is one transaction.
 */
import type { ChannelInput, ChannelResult, TaskEdits } from '../../shared/ipc-contract';
import type { SnoozePreset, SuggestionDto, SuggestionStatus, TaskDto } from '../../shared/models';
import type { Zone } from '../lib/time-zone';
import type { Repositories } from '../db/repositories';
import { ConflictError, NotFoundError } from '../errors';
import type { EventBus } from '../events';
import { searchTerms } from './search/search-terms';
import { searchSuggestions } from './search-results';
import { resolveSnoozeUntil } from './snooze-time';

/** One review, as the app learns from it: what was decided, and what it undid. */
export interface Review {
  id: number;
  kind: 'approved' | 'dismissed' | 'restored';
  /** The status before the review (for a restore: what was undone). */
  previous: SuggestionStatus;
}

/** Hooks run inside the review transaction (write-back on approve, cancellation on restore and unmerge), and after it. */
export interface SuggestionHooks {
  onApproved?(suggestion: SuggestionDto, task: TaskDto): void;
  onRestored?(suggestion: SuggestionDto, taskId: number | null): void;
  /** A source (suggestion row `suggestionId`) was split off the suggestion that made task `taskId`. */
  onSplit?(taskId: number, suggestionId: number): void;
  /** After the transaction committed: the reviews it made (learning reads them). */
  afterReview?(reviews: Review[]): void;
}

const FEED_DEFAULT_LIMIT = 200;

/** The person's clock and zone (snooze presets are resolved on them). */
export interface ClockContext {
  now(): Date;
  zone(): Zone;
}

/** Creates the suggestion service. */
export function createSuggestionService(repos: Repositories, events: EventBus, hooks: SuggestionHooks, time: ClockContext) {
  const { suggestions, tasks, db } = repos;

  const mustGet = (id: number): SuggestionDto => {
    const suggestion = suggestions.get(id);
    if (!suggestion) throw new NotFoundError('Suggestion', id);
    // A row merged into another is reviewed through the suggestion it joined.
    return suggestion.mergedInto ? mustGet(suggestion.mergedInto) : suggestion;
  };

  /** Creates the task for a pending suggestion; must run inside a transaction. */
  const approveOne = (requested: number, edits: TaskEdits = {}): TaskDto => {
    const suggestion = mustGet(requested);
    const id = suggestion.id;
    if (suggestion.status !== 'pending_approval') {
      throw new ConflictError(`This suggestion was already ${suggestion.status === 'dismissed' ? 'dismissed' : 'approved'}.`);
    }
    const task = tasks.create({
      title: edits.title ?? suggestion.title,
      description: edits.description ?? suggestion.description,
      priority: edits.priority ?? suggestion.priority,
      dueAt: edits.dueAt === undefined ? suggestion.deadline : edits.dueAt,
      tags: edits.tags ?? suggestion.tags,
      suggestionId: suggestion.id,
    });
    suggestions.setStatus(id, 'approved', task.id);
    // The person approved a request from this sender: later ones may be auto-approved.
    repos.correspondents.recordApprovedSender(id);
    hooks.onApproved?.(suggestion, task);
    return task;
  };

  /** Dismisses one pending suggestion; must run inside a transaction. */
  const dismissOne = (requested: number): SuggestionDto => {
    const current = mustGet(requested);
    if (current.status !== 'pending_approval') throw new ConflictError('Only a pending suggestion can be dismissed.');
    // Every source becomes a tombstone with it: a later sync brings none of them back.
    suggestions.setStatus(current.id, 'dismissed', null);
    return mustGet(current.id);
  };

  /** Puts one reviewed suggestion back to pending; must run inside a transaction. */
  const restoreOne = (requested: number): SuggestionDto => {
    const current = mustGet(requested);
    const id = current.id;
    if (current.status === 'pending_approval') return current;
    if (current.status === 'auto_approved' || current.status === 'approved') {
      const task = current.taskId ? tasks.get(current.taskId) : null;
      if (task && task.status === 'done') throw new ConflictError('The task made from this suggestion is already done, so it cannot be undone.');
      hooks.onRestored?.(current, current.taskId);
      if (task) tasks.remove(task.id);
    }
    suggestions.setStatus(id, 'pending_approval', null);
    return mustGet(id);
  };

  const changed = (integrationId: number | null, reviews: Review[] = []) => {
    if (reviews.length > 0) hooks.afterReview?.(reviews);
    events.emit('suggestions:changed', { integrationId });
    events.emit('tasks:changed', { taskId: null });
  };
  const review = (kind: Review['kind'], previous: SuggestionStatus) => (id: number): Review => ({ id, kind, previous });

  return {
    /** Dismisses many suggestions in one transaction (all or none). */
    dismissBatch(ids: number[]): SuggestionDto[] {
      const dismissed = db.transaction(() => ids.map(dismissOne))();
      // A merged source's review is its suggestion's: learning reads the row the person saw.
      changed(null, dismissed.map((suggestion) => review('dismissed', 'pending_approval')(suggestion.id)));
      return dismissed;
    },
    /** Undoes many reviews in one transaction (all or none). */
    restoreBatch(ids: number[]): SuggestionDto[] {
      const undone: Review[] = [];
      const restored = db.transaction(() => ids.map((id) => {
        const current = mustGet(id);
        undone.push(review('restored', current.status)(current.id));
        return restoreOne(id);
      }))();
      changed(null, undone.filter((entry) => entry.previous !== 'pending_approval'));
      return restored;
    },
    /**
     * A page of the feed. Default: pending suggestions not snoozed, most confident first. With a `query`:
     * the suggestions matching it, best match first, matched words marked.
     */
    list(input: ChannelInput<'suggestions:list'> = {}): ChannelResult<'suggestions:list'> {
      const statuses: SuggestionStatus[] = input.status === undefined ? ['pending_approval'] : Array.isArray(input.status) ? input.status : [input.status];
      const filters = { statuses, integrationId: input.integrationId, provider: input.provider, minConfidence: input.minConfidence, snoozed: input.snoozed ?? 'exclude' };
      const limit = input.limit ?? FEED_DEFAULT_LIMIT;
      const terms = input.query === undefined ? [] : searchTerms(input.query);
      // A query with no words in it (only punctuation, say) searches for nothing: the plain list.
      if (terms.length > 0) return searchSuggestions(repos, filters, terms, limit, input.cursor);
      const page = suggestions.listFeed({ ...filters, limit, cursor: input.cursor });
      const counts = Object.fromEntries(
        (['pending_approval', 'approved', 'dismissed', 'auto_approved'] as const).map((status) => [status, suggestions.countFeed({ ...filters, statuses: [status] })]),
      ) as Record<SuggestionStatus, number>;
      const snoozed = suggestions.countFeed({ ...filters, statuses: ['pending_approval'], snoozed: 'only' });
      return { ...page, total: statuses.reduce((sum, status) => sum + counts[status], 0), counts, snoozed };
    },
    /** Hides a pending suggestion from the feed until a time (or shows it again with null). */
    snooze(id: number, until: SnoozePreset | string | null): SuggestionDto {
      const at = resolveSnoozeUntil(until, time.now(), time.zone());
      const suggestion = db.transaction(() => {
        const current = mustGet(id);
        if (current.status !== 'pending_approval') throw new ConflictError('Only a suggestion waiting for review can be snoozed.');
        suggestions.setSnooze(current.id, at);
        return mustGet(current.id);
      })();
      changed(suggestion.integrationId);
      return suggestion;
    },
    /**
     * Splits a wrongly merged source off a suggestion: it becomes a suggestion of its own, waiting for
     * review, and the two are never merged again. Write-back of the task not yet run on that source is
     * cancelled; the rest of the suggestion (and its task) stays as it was.
     */
    unmerge(id: number, itemKey: string): ChannelResult<'suggestions:unmerge'> {
      const result = db.transaction(() => {
        const group = mustGet(id);
        const source = group.sources?.find((entry) => entry.itemKey === itemKey);
        if (!source) throw new NotFoundError('Source', itemKey);
        if ((group.sources ?? []).length < 2) throw new ConflictError('This suggestion has a single source: there is nothing to split off.');
        const rowId = suggestions.idForItem(source.integrationId, source.itemId);
        if (rowId === null) throw new NotFoundError('Source', itemKey);
        if (group.taskId !== null) hooks.onSplit?.(group.taskId, rowId);
        const remaining = repos.merges.split(rowId) ?? group.id;
        return { suggestion: mustGet(remaining), split: mustGet(rowId) };
      })();
      changed(null);
      return result;
    },
    /** Approves one suggestion, applying the person's edits to the task. */
    approve(id: number, edits?: TaskEdits): TaskDto {
      const task = db.transaction(() => approveOne(id, edits))();
      changed(mustGet(id).integrationId, [review('approved', 'pending_approval')(task.suggestionId ?? id)]);
      return task;
    },
    /** Dismisses a pending suggestion; the row stays as a tombstone so sync never brings it back. */
    dismiss(id: number): SuggestionDto {
      const suggestion = db.transaction(() => dismissOne(id))();
      changed(suggestion.integrationId, [review('dismissed', 'pending_approval')(suggestion.id)]);
      return suggestion;
    },
    /** Approves every pending suggestion at or above a confidence, or the listed ones, in one transaction. */
    approveBatch(input: ChannelInput<'suggestions:approve-batch'>): TaskDto[] {
      const created = db.transaction(() => {
        const ids =
          'ids' in input
            ? input.ids
            : suggestions
                .listFeed({ statuses: ['pending_approval'], minConfidence: input.minConfidence, integrationId: input.integrationId, provider: input.provider, limit: 20_000 })
                .items.map((suggestion) => suggestion.id);
        return ids.map((id) => approveOne(id));
      })();
      changed(null, created.map((task) => review('approved', 'pending_approval')(task.suggestionId!)));
      return created;
    },
    /**
     * Undo of a review: a dismissed or approved suggestion goes back to pending. The task an approval
     * created is deleted if it is still open (a finished task is the person's record and stays).
     */
    restore(id: number): SuggestionDto {
      const previous = mustGet(id).status;
      const suggestion = db.transaction(() => restoreOne(id))();
      changed(suggestion.integrationId, previous === 'pending_approval' ? [] : [review('restored', previous)(suggestion.id)]);
      return suggestion;
    },
  };
}

/** The suggestion service's type. */
export type SuggestionService = ReturnType<typeof createSuggestionService>;
