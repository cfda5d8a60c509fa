/**
 * One question to the model for a batch of labelled items, in the best answer mode the server
 * supports: json_schema (structured output via `parse`), else json_object, else plain text; in
 * the last two the answer is validated locally and gets ONE repair round with the errors.
 */
import type OpenAI from 'openai';
import { ContentFilterFinishReasonError, LengthFinishReasonError } from 'openai/core/error';
import { z } from 'zod';
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { EngineUsage } from '../types';
import type { BuiltPrompt } from './prompt';
import { systemPrompt } from './prompt';
import { rejectsResponseFormat, rejectsTemperature } from './llm-client';
import { answerResponseFormat, checkAnswer, type Verdict } from './schema';

/** Answer modes, best first; an engine moves down when a server rejects one. */
export type AnswerMode = 'json_schema' | 'json_object' | 'plain';

/** What the engine remembers about the server across requests. */
export interface ServerTraits {
  mode: AnswerMode;
  temperature: boolean;
}

/** Result of asking about one batch: verdicts, and a reason for every label without one. */
export interface AskOutcome {
  verdicts: Map<string, Verdict>;
  problems: Map<string, string>;
  /** Set when the model refused, the answer was cut off, unreadable or filtered (worth splitting). */
  wholeAnswerProblem: string | null;
}

/** What a request needs. */
export interface AskInput {
  client: OpenAI;
  model: string;
  prompt: BuiltPrompt;
  traits: ServerTraits;
  usage: EngineUsage;
  signal?: AbortSignal;
  onStray?: (stray: string[]) => void;
}

const NEXT_MODE: Record<AnswerMode, AnswerMode | null> = { json_schema: 'json_object', json_object: 'plain', plain: null };

function addUsage(usage: EngineUsage, completion: ChatCompletion): void {
  usage.requests += 1;
  usage.promptTokens += completion.usage?.prompt_tokens ?? 0;
  usage.completionTokens += completion.usage?.completion_tokens ?? 0;
}

function allFailed(labels: readonly string[], reason: string): AskOutcome {
  return { verdicts: new Map(), problems: new Map(labels.map((label) => [label, reason])), wholeAnswerProblem: reason };
}

/** Reads JSON from model text that may be wrapped in a Markdown fence or prose (plain mode). */
export function extractJson(content: string): unknown {
  const trimmed = content.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    const fenced = /```(?:json)?([\s\S]*?)```/i.exec(trimmed)?.[1]?.trim();
    const start = trimmed.indexOf('{');
    const end = trimmed.lastIndexOf('}');
    const candidate = fenced ?? (start >= 0 && end > start ? trimmed.slice(start, end + 1) : trimmed);
    return JSON.parse(candidate);
  }
}

function messagesFor(input: AskInput, mode: AnswerMode): ChatCompletionMessageParam[] {
  return [
    { role: 'system', content: systemPrompt(mode !== 'json_schema') },
    { role: 'user', content: input.prompt.user },
  ];
}

async function askStructured(input: AskInput): Promise<AskOutcome> {
  const { labels } = input.prompt;
  let completion;
  try {
    completion = await input.client.chat.completions.parse(
      {
        model: input.model,
        messages: messagesFor(input, 'json_schema'),
        response_format: answerResponseFormat(),
        ...(input.traits.temperature ? { temperature: 0 } : {}),
      },
      { signal: input.signal },
    );
  } catch (error) {
    // `parse` throws these after the server answered: the request counts, its tokens are unknown.
    if (error instanceof LengthFinishReasonError) return countAnd(input, allFailed(labels, 'the answer was cut off at the length limit'));
    if (error instanceof ContentFilterFinishReasonError) return countAnd(input, allFailed(labels, 'the answer was blocked by the content filter'));
    if (error instanceof SyntaxError) return countAnd(input, allFailed(labels, 'the answer was not valid JSON'));
    if (error instanceof z.ZodError) return countAnd(input, allFailed(labels, 'the answer had no verdicts array'));
    throw error;
  }
  addUsage(input.usage, completion);
  const message = completion.choices[0]?.message;
  if (message?.refusal) return allFailed(labels, `the model declined: ${message.refusal.slice(0, 200)}`);
  if (!message?.parsed) return allFailed(labels, 'the answer was empty');
  const checked = checkAnswer(message.parsed, labels);
  if (checked.stray.length > 0) input.onStray?.(checked.stray);
  return { verdicts: checked.verdicts, problems: checked.problems, wholeAnswerProblem: null };
}

function countAnd(input: AskInput, outcome: AskOutcome): AskOutcome {
  input.usage.requests += 1;
  return outcome;
}

function readAnswer(content: string | null | undefined, labels: readonly string[], input: AskInput): AskOutcome {
  let parsed: unknown;
  try {
    parsed = extractJson(content ?? '');
  } catch {
    return allFailed(labels, 'the answer was not valid JSON');
  }
  const checked = checkAnswer(parsed, labels);
  if (checked.stray.length > 0) input.onStray?.(checked.stray);
  const envelopeBroken = checked.verdicts.size === 0 && [...checked.problems.values()].every((p) => p.includes('"verdicts" array'));
  return { verdicts: checked.verdicts, problems: checked.problems, wholeAnswerProblem: envelopeBroken ? 'the answer had no verdicts array' : null };
}

async function askValidated(input: AskInput, mode: 'json_object' | 'plain'): Promise<AskOutcome> {
  const { labels } = input.prompt;
  const messages = messagesFor(input, mode);
  const request = (extra: ChatCompletionMessageParam[]) =>
    input.client.chat.completions.create(
      {
        model: input.model,
        messages: [...messages, ...extra],
        ...(mode === 'json_object' ? { response_format: { type: 'json_object' as const } } : {}),
        ...(input.traits.temperature ? { temperature: 0 } : {}),
      },
      { signal: input.signal },
    );
  const first = await request([]);
  addUsage(input.usage, first);
  const firstMessage = first.choices[0]?.message;
  if (firstMessage?.refusal) return allFailed(labels, `the model declined: ${firstMessage.refusal.slice(0, 200)}`);
  const outcome = readAnswer(firstMessage?.content, labels, input);
  if (outcome.problems.size === 0) return outcome;
  // One repair round: show the model its answer and what was wrong, ask again for the failed labels.
  const failed = [...outcome.problems.keys()];
  const errors = failed.map((label) => `${label}: ${outcome.problems.get(label) ?? ''}`).join('\n');
  const repair = await request([
    { role: 'assistant', content: (firstMessage?.content ?? '').slice(0, 8_000) },
    {
      role: 'user',
      content: `Your answer did not match the required JSON format:\n${errors}\nReply with one JSON object {"verdicts": [...]} containing verdicts only for ${failed.join(', ')}, with exactly the keys described.`,
    },
  ]);
  addUsage(input.usage, repair);
  const repaired = readAnswer(repair.choices[0]?.message.content, failed, input);
  for (const [label, verdict] of repaired.verdicts) {
    outcome.verdicts.set(label, verdict);
    outcome.problems.delete(label);
  }
  for (const [label, problem] of repaired.problems) outcome.problems.set(label, `${problem} (after one repair)`);
  return { ...outcome, wholeAnswerProblem: outcome.verdicts.size === 0 ? (outcome.wholeAnswerProblem ?? repaired.wholeAnswerProblem) : null };
}

/**
 * Asks about one batch. Switches the remembered mode down when the server rejects the answer
 * format, and drops `temperature` when the model rejects it. API failures that survived the
 * SDK's retries are thrown (the engine decides what they mean for the other batches).
 */
export async function askBatch(input: AskInput): Promise<AskOutcome> {
  for (;;) {
    const mode = input.traits.mode;
    try {
      return mode === 'json_schema' ? await askStructured(input) : await askValidated(input, mode);
    } catch (error) {
      const next = NEXT_MODE[mode];
      if (next && rejectsResponseFormat(error)) {
        input.usage.requests += 1;
        input.traits.mode = next;
        continue;
      }
      if (input.traits.temperature && rejectsTemperature(error)) {
        input.usage.requests += 1;
        input.traits.temperature = false;
        continue;
      }
      throw error;
    }
  }
}
