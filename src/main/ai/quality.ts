/**
 * What each engine measured on held-out labelled data (the real-mail test split, which no rule or
 * weight was tuned on): written by scripts/measure-quality.ts next to the engine's weights, read at
 * run time to decide where auto-approve has earned its place (auto-approve-policy.ts).
 */
import { z } from 'zod';
import llmQuality from './llm/quality.json';
import offlineQuality from './offline/quality.json';

const PointSchema = z.object({
  threshold: z.number().min(0).max(1),
  /** Items judged as needing action with at least this confidence. */
  count: z.number().int().min(0),
  /** Share of them that truly need action; null when count is 0. */
  precision: z.number().min(0).max(1).nullable(),
});

const KindQualitySchema = z.object({
  /** Labelled items measured. */
  count: z.number().int().min(0),
  balancedAccuracy: z.number().nullable(),
  f1: z.number().nullable(),
  ece: z.number().nullable(),
  /** Auto-approve precision at several thresholds, ascending. */
  autoApprove: z.array(PointSchema),
});

const EngineQualitySchema = z.object({
  /** The engine's name as suggestions show it (`offline-v1`, or an LLM model name). */
  engine: z.string(),
  /** Which held-out set, in words. */
  measuredOn: z.string(),
  measuredAt: z.string(),
  /** The command that produced the figures. */
  command: z.string(),
  kinds: z.record(z.string(), KindQualitySchema),
});

const QualityFileSchema = z.object({ engines: z.array(EngineQualitySchema) });

/** Measured figures of one engine. */
export type EngineQuality = z.infer<typeof EngineQualitySchema>;
/** Measured figures of one engine on one item kind. */
export type KindQuality = z.infer<typeof KindQualitySchema>;

/** Looks up the measured figures of an engine by name. */
export type QualityLookup = (engine: string) => EngineQuality | null;

/** A lookup over quality files' contents (the bundled ones by default); a malformed file counts as no measurement. */
export function createQualityLookup(files: readonly unknown[] = [offlineQuality, llmQuality]): QualityLookup {
  const byEngine = new Map<string, EngineQuality>();
  for (const file of files) {
    const parsed = QualityFileSchema.safeParse(file);
    if (!parsed.success) continue;
    for (const engine of parsed.data.engines) byEngine.set(engine.engine, engine);
  }
  return (engine) => byEngine.get(engine) ?? null;
}
