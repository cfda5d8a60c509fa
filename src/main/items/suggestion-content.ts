/**
 * What the database stores for a suggestion, whichever engine wrote it. Engines add their verdict
 * (`needsAction`) on top; the store never depends on an engine's types.
 */
import type { Priority } from '../../shared/models';

/** The stored description of a suggested task. */
export interface SuggestionContent {
  title: string;
  description: string;
  priority: Priority;
  /** ISO 8601 (UTC) deadline resolved against the item's date and the person's time zone, or null. */
  deadline: string | null;
  tags: string[];
  /** 0..1: the engine's probability that the item asks the person to do something. */
  confidence: number;
  reasoning: string;
  /** The engine that judged it (e.g. `offline-v1`, `gpt-4.1-mini`). */
  model: string;
  /** Warnings about the item or the verdict (e.g. `injection:ignore-instructions`); any flag blocks auto-approve. */
  flags: string[];
}
