/** How suggestion rows are read and turned into DTOs, shared by the feed, search and History queries. */
import type { ItemPreview, Priority, ProviderItemType, ProviderType, RuleTargets, SuggestionDto, SuggestionStatus } from '../../shared/models';
import { canonicalListId, domainOf } from '../items/rules';
import { parseJson, parseStringArray } from './json-columns';

/** A suggestion row as SUGGESTION_SELECT reads it. */
export interface SuggestionRow {
  id: number;
  integration_id: number;
  provider: string;
  item_type: string;
  provider_item_id: string;
  thread_key: string | null;
  title: string;
  description: string;
  priority: string;
  deadline: string | null;
  tags: string;
  confidence: number;
  reasoning: string;
  model: string;
  flags: string;
  status: string;
  task_id: number | null;
  preview: string | null;
  snoozed_until: string | null;
  merged_into: number | null;
  created_at: string;
  updated_at: string;
  sender_key: string | null;
  list_key: string | null;
  channel_key: string | null;
  calendar_key: string | null;
  account_ref: number | null;
  account_label: string | null;
  account_colour: string | null;
}

/**
 * The columns every suggestion read selects (DTO shape), its integration's provider and the account
 * it belongs to (colour and label of the feed's chip); callers add WHERE/ORDER.
 */
export const SUGGESTION_SELECT = `
  SELECT s.id, s.integration_id, i.provider, s.item_type, s.provider_item_id, s.thread_key, s.title, s.description,
         s.priority, s.deadline, s.tags, s.confidence, s.reasoning, s.model, s.flags, s.status, s.task_id, s.preview,
         s.snoozed_until, s.merged_into, s.created_at, s.updated_at, s.sender_key, s.list_key, s.channel_key,
         CASE WHEN s.item_type = 'calendar_event' THEN lower(COALESCE(i.account_email, i.display_name, i.account_id)) END AS calendar_key,
         acct.id AS account_ref, acct.label AS account_label, acct.colour AS account_colour
  FROM integration_tasks s JOIN integrations i ON i.id = s.integration_id
  LEFT JOIN accounts acct ON acct.id = i.account_ref`;

function targetsOf(row: SuggestionRow, preview: ItemPreview | null): RuleTargets {
  const channelLabel = preview?.kind === 'slack_message' && preview.channel !== 'DM' ? preview.channel : null;
  return {
    sender: row.sender_key || null,
    domain: row.item_type === 'slack_message' ? null : domainOf(row.sender_key),
    list: canonicalListId(row.list_key),
    channel: row.channel_key || null,
    channelLabel,
    calendar: row.calendar_key || null,
  };
}

/** A row as the renderer sees it. */
export function suggestionToDto(row: SuggestionRow): SuggestionDto {
  const preview = (parseJson(row.preview) as ItemPreview | null) ?? null;
  return {
    id: row.id,
    integrationId: row.integration_id,
    provider: row.provider as ProviderType,
    account: row.account_ref !== null && row.account_label !== null && row.account_colour !== null ? { id: row.account_ref, label: row.account_label, colour: row.account_colour } : null,
    itemType: row.item_type as ProviderItemType,
    itemId: row.provider_item_id,
    threadKey: row.thread_key,
    title: row.title,
    description: row.description,
    priority: row.priority as Priority,
    deadline: row.deadline,
    tags: parseStringArray(row.tags),
    confidence: row.confidence,
    reasoning: row.reasoning,
    model: row.model,
    status: row.status as SuggestionStatus,
    taskId: row.task_id,
    flags: parseStringArray(row.flags),
    preview,
    ruleTargets: targetsOf(row, preview),
    snoozedUntil: row.snoozed_until,
    mergedInto: row.merged_into,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
