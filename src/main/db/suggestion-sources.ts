/**
 * The sources of shown suggestions: each head row with the rows merged into it, in one query per page,
 * so a merged suggestion lists every item it stands for with that item's preview.
 */
import type { ItemPreview, ProviderItemType, ProviderType, SuggestionDto, SuggestionSourceDto } from '../../shared/models';
import type { Db } from './connection';
import { parseJson } from './json-columns';

interface SourceRow {
  id: number;
  head: number;
  integration_id: number;
  provider: string;
  item_type: string;
  provider_item_id: string;
  preview: string | null;
  merge_reason: string | null;
}

/** `<integrationId>:<itemId>`, the name of one source in `suggestions:unmerge`. */
export function sourceItemKey(integrationId: number, itemId: string): string {
  return `${integrationId}:${itemId}`;
}

/** Reads sources for pages of suggestions. */
export function createSourceReader(db: Db) {
  const statement = db.prepare(
    `SELECT s.id, coalesce(s.merged_into, s.id) AS head, s.integration_id, i.provider, s.item_type, s.provider_item_id, s.preview, s.merge_reason
     FROM integration_tasks s JOIN integrations i ON i.id = s.integration_id
     WHERE s.id IN (SELECT value FROM json_each(@ids)) OR s.merged_into IN (SELECT value FROM json_each(@ids))
     ORDER BY s.merged_into IS NOT NULL, s.id`,
  );
  return {
    /** The suggestions with `sources` filled in (a merged row lists only itself: it is not shown alone). */
    withSources<T extends SuggestionDto>(suggestions: T[]): T[] {
      if (suggestions.length === 0) return suggestions;
      const heads = suggestions.map((suggestion) => suggestion.id);
      const byHead = new Map<number, SuggestionSourceDto[]>();
      const add = (head: number, row: SourceRow, reason: string | null) => {
        const source: SuggestionSourceDto = {
          integrationId: row.integration_id,
          provider: row.provider as ProviderType,
          itemType: row.item_type as ProviderItemType,
          itemId: row.provider_item_id,
          itemKey: sourceItemKey(row.integration_id, row.provider_item_id),
          preview: (parseJson(row.preview) as ItemPreview | null) ?? null,
          mergeReason: reason,
        };
        byHead.set(head, [...(byHead.get(head) ?? []), source]);
      };
      for (const row of statement.all({ ids: JSON.stringify(heads) }) as SourceRow[]) {
        // Every asked-for row lists itself first; a head also lists the rows merged into it.
        if (heads.includes(row.id)) add(row.id, row, null);
        if (row.head !== row.id && heads.includes(row.head)) add(row.head, row, row.merge_reason);
      }
      return suggestions.map((suggestion) => ({ ...suggestion, sources: byHead.get(suggestion.id) ?? [] }));
    },
  };
}
