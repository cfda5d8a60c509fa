/** How task rows are read and turned into DTOs, shared by the list and search queries. */
import type { Priority, ProviderItemType, ProviderType, TaskDto, TaskStatus } from '../../shared/models';
import { parseStringArray } from './json-columns';

/** A task row as TASK_SELECT reads it. */
export interface TaskRow {
  id: number;
  title: string;
  description: string;
  priority: string;
  due_at: string | null;
  due_all_day: number;
  snoozed_until: string | null;
  tags: string;
  status: string;
  suggestion_id: number | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  source_provider: string | null;
  source_item_type: string | null;
  source_link: string | null;
  source_label: string | null;
}

/** The columns every task read selects (DTO shape). */
export const TASK_SELECT = `
  SELECT t.id, t.title, t.description, t.priority, t.due_at, t.due_all_day, t.snoozed_until, t.tags, t.status, t.suggestion_id,
         t.created_at, t.updated_at, t.completed_at,
         i.provider AS source_provider, s.item_type AS source_item_type,
         json_extract(s.item_snapshot, '$.link') AS source_link,
         COALESCE(json_extract(s.item_snapshot, '$.subject'), json_extract(s.item_snapshot, '$.title'),
                  json_extract(s.item_snapshot, '$.channelName')) AS source_label
  FROM tasks t
  LEFT JOIN integration_tasks s ON s.id = t.suggestion_id
  LEFT JOIN integrations i ON i.id = s.integration_id`;

/** A row as the renderer sees it. */
export function taskToDto(row: TaskRow): TaskDto {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    priority: row.priority as Priority,
    dueAt: row.due_at,
    dueAllDay: row.due_all_day === 1,
    tags: parseStringArray(row.tags),
    status: row.status as TaskStatus,
    suggestionId: row.suggestion_id,
    source:
      row.source_provider && row.source_item_type
        ? {
            provider: row.source_provider as ProviderType,
            itemType: row.source_item_type as ProviderItemType,
            link: row.source_link,
            label: row.source_label ?? '',
          }
        : null,
    snoozedUntil: row.snoozed_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
  };
}
