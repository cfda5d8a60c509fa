/** The WHERE clause of the feed's filters, shared by the feed page, its counts and search. */
import type { ProviderType, SnoozeView, SuggestionStatus } from '../../shared/models';
import { snoozeClause } from './snooze-clause';

/** Filters of a suggestion list (alias `s` = integration_tasks). */
export interface SuggestionFilters {
  statuses: SuggestionStatus[];
  integrationId?: number;
  provider?: ProviderType;
  minConfidence?: number;
  /** Default `exclude`: suggestions snoozed until later are not in the feed. */
  snoozed?: SnoozeView;
}

/** The conditions (joined with AND) and their parameters in order; `now` is the snooze boundary. */
export function suggestionWhere(filters: SuggestionFilters, now: string): { where: string[]; params: unknown[] } {
  // Rows merged into another suggestion are shown through it (as its sources), never alone.
  const where = [`s.status IN (${filters.statuses.map(() => '?').join(', ')})`, 's.merged_into IS NULL'];
  const params: unknown[] = [...filters.statuses];
  if (filters.integrationId !== undefined) {
    where.push('s.integration_id = ?');
    params.push(filters.integrationId);
  }
  if (filters.provider !== undefined) {
    where.push('s.integration_id IN (SELECT id FROM integrations WHERE provider = ?)');
    params.push(filters.provider);
  }
  if (filters.minConfidence !== undefined) {
    where.push('s.confidence >= ?');
    params.push(filters.minConfidence);
  }
  const snooze = snoozeClause(filters.snoozed ?? 'exclude', 's.snoozed_until');
  if (snooze) {
    where.push(snooze);
    params.push(now);
  }
  return { where, params };
}
