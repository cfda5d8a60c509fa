/**
 * Which engine judges items: the LLM when one is configured (Settings win over LLM_* variables),
 * the offline engine otherwise or in privacy mode. A missing key is a sentence, not a crash.
 */
import { llmBaseUrlProblem, type AppSettings } from '../../shared/models';
import type { TokenVault } from '../auth/token-vault';
import { NotConfiguredError } from '../errors';
import type { Logger } from '../logging/logger';
import type { SettingsStore } from '../settings/settings-store';
import type { LlmConfig } from './llm/llm-client';
import { createLlmEngine } from './llm/llm-engine';
import { createOfflineEngine } from './offline/offline-engine';
import type { SuggestionEngine } from './types';
import type { PersonalGuidance } from './learning/guidance';
import { withPersonalModel } from './learning/personal-engine';
import type { PersonalModelState } from './learning/personal-model';

/** The default model when neither Settings nor LLM_MODEL name one. */
const DEFAULT_LLM_MODEL = 'gpt-4.1-mini';
const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Resolves the LLM configuration, or null when none is configured; a refused LLM_BASE_URL is a NotConfiguredError with its sentence. */
export async function resolveLlmConfig(settings: AppSettings, vault: TokenVault, env: Readonly<Record<string, string | undefined>>): Promise<LlmConfig | null> {
  const apiKey = (await vault.getSecret('llmApiKey')) ?? env.LLM_API_KEY ?? '';
  const explicitBase = settings.llmBaseUrl || env.LLM_BASE_URL?.trim() || '';
  // Settings are checked when saved; the environment is checked here, where it is read.
  const problem = explicitBase && !settings.llmBaseUrl ? llmBaseUrlProblem(explicitBase) : null;
  if (problem) throw new NotConfiguredError(`LLM_BASE_URL: ${problem}`);
  // A local server (Ollama, LM Studio) needs no key; the hosted default does.
  if (!apiKey && !explicitBase) return null;
  return { baseUrl: explicitBase || DEFAULT_BASE_URL, apiKey: apiKey || 'not-needed', model: settings.llmModel || env.LLM_MODEL || DEFAULT_LLM_MODEL };
}

/** Collaborators of the selector. */
export interface EngineSelectorDeps {
  settings: SettingsStore;
  vault: TokenVault;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  fetch?: typeof fetch;
  /** The offline engine to use (the app runs it in the content worker); built in-process when absent. */
  offline?: SuggestionEngine;
  /** The person's model, blended into the offline engine's verdicts. */
  personalModel?: () => PersonalModelState;
  /** The person's rules and recent decisions, for the LLM's prompt. */
  guidance?: () => PersonalGuidance | null;
}

/** Returns a function picking the engine for the next sync. */
export function createEngineSelector(deps: EngineSelectorDeps): () => Promise<SuggestionEngine> {
  const shipped = deps.offline ?? createOfflineEngine();
  const offline = deps.personalModel ? withPersonalModel(shipped, deps.personalModel) : shipped;
  let cached: { key: string; engine: SuggestionEngine } | null = null;
  return async () => {
    const settings = deps.settings.get();
    if (settings.engine === 'offline') return offline;
    const config = await resolveLlmConfig(settings, deps.vault, deps.env);
    if (!config) {
      if (settings.engine === 'llm') throw new NotConfiguredError('The LLM engine is selected but no endpoint or key is set. Add them in Settings, or choose the offline engine.');
      return offline;
    }
    // Reuse the engine (it remembers whether the server supports json_schema) while the config is unchanged.
    const key = `${config.baseUrl}|${config.model}|${config.apiKey}`;
    if (cached?.key !== key) cached = { key, engine: createLlmEngine(config, { fetch: deps.fetch, logger: deps.logger, guidance: deps.guidance }) };
    return cached.engine;
  };
}
