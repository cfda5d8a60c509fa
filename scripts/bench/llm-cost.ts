/**
 * Part llm_cost: tokens per input message through the fake OpenAI server, two ways over the same
 * bench corpus (the first messages of the Gmail part's mailbox, same mix):
 * - ours: the app's real path: a Gmail sync with the LLM engine selected, so the metadata pre-filter,
 *   the content cleanup (HTML to text, quoted replies and signatures trimmed), the prompt limits and
 *   batching (10 items per request) all apply;
 * - naive: one request per message with its whole body as delivered (the HTML source for HTML mail,
 *   the full text with quotes and signature otherwise; only the transfer encoding undone), nothing
 *   filtered, through the same engine with batching off and limits lifted (same system prompt).
 * Tokens are the fake's `usage` answers (about four characters per token, schema included).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { createNodePlatform } from '../../src/host/node-platform';
import { createCore } from '../../src/main/core';
import { createLlmEngine } from '../../src/main/ai/llm/llm-engine';
import { isFailure } from '../../src/main/ai/types';
import type { EmailItem } from '../../src/main/items/provider-item';
import { startFakeGoogle, type FakeMessageView } from '../../test/fakes/google';
import { startFakeOpenAi } from '../../test/fakes/openai';
import { buildCorpus, mixOf } from './corpus';
import { connectGmail, gmailSetup } from './gmail-setup';
import { round } from './stats';

const MODEL = 'gpt-4.1-mini';
const API_KEY = 'bench-key';

/** A fetch that adds up the `usage` of chat completion answers. */
function countingFetch() {
  const usage = { requests: 0, promptTokens: 0, completionTokens: 0 };
  const wrapped = (async (input: string | URL | Request, init?: RequestInit) => {
    const response = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith('/chat/completions')) {
      usage.requests += 1;
      const body = (await response.clone().json().catch(() => null)) as { usage?: { prompt_tokens?: number; completion_tokens?: number } } | null;
      usage.promptTokens += body?.usage?.prompt_tokens ?? 0;
      usage.completionTokens += body?.usage?.completion_tokens ?? 0;
    }
    return response;
  }) as typeof fetch;
  return { fetch: wrapped, usage };
}

/** The message as a naive integration would send it: whole body, no cleanup. */
async function naiveItem(message: FakeMessageView): Promise<EmailItem> {
  const parsed = await simpleParser(message.raw);
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  const text = parsed.text ?? '';
  const body = html.length > text.length ? html : text;
  const from = parsed.from?.value[0];
  return {
    type: 'email',
    id: message.id,
    threadKey: message.threadId,
    date: parsed.date?.toISOString() ?? null,
    link: null,
    from: { name: from?.name || null, address: from?.address ?? '' },
    to: [],
    cc: [],
    subject: parsed.subject ?? '',
    snippet: '',
    bodyText: body,
    labels: message.labelIds,
    headers: { listUnsubscribe: null, precedence: null, autoSubmitted: null },
    contentFlags: [],
  };
}

/** Runs both ways; returns the llm_cost figures. */
export async function benchLlmCost(options: { items?: number; log(line: string): void }) {
  const count = options.items ?? 300;
  const google = await startFakeGoogle();
  const openai = await startFakeOpenAi({ apiKey: API_KEY });
  const dataDir = mkdtempSync(join(tmpdir(), 'pt-bench-llm-'));
  try {
    const corpus = buildCorpus(count, google.account.email);
    for (const message of corpus) google.addMessage(message.input);

    // Ours: the app's own sync with the LLM engine.
    options.log(`llm: syncing ${count} messages through the LLM engine...`);
    const ours = countingFetch();
    const env = { ...google.env, LLM_BASE_URL: openai.url, LLM_API_KEY: API_KEY, LLM_MODEL: MODEL, INTEGRATION_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
    const core = createCore(createNodePlatform({ dataDir, env, openExternalMode: 'print', log: () => undefined }), { fetch: ours.fetch });
    let oursNeedsAction = new Map<string, boolean>();
    let syncLog;
    try {
      core.settings.update({ engine: 'llm', autoApproveEnabled: false });
      const integrationId = await connectGmail(core, gmailSetup(google, count));
      syncLog = await core.services.sync.syncIntegration(integrationId, 'manual');
      const rows = core.repos.db.prepare(`SELECT provider_item_id AS id, outcome FROM provider_items WHERE integration_id = ?`).all(integrationId) as Array<{ id: string; outcome: string }>;
      oursNeedsAction = new Map(rows.filter((row) => row.outcome === 'suggested' || row.outcome === 'no_action').map((row) => [row.id, row.outcome === 'suggested']));
    } finally {
      await core.stop();
    }

    // Naive: every message alone, whole body.
    options.log(`llm: sending the same ${count} messages one by one, untrimmed...`);
    const naive = countingFetch();
    const engine = createLlmEngine(
      { baseUrl: openai.url, apiKey: API_KEY, model: MODEL, maxRetries: 0, maxItemsPerRequest: 1, concurrency: 4, promptLimits: { bodyChars: 10_000_000, eventDescriptionChars: 10_000_000, slackTextChars: 10_000_000, threadMessageChars: 10_000_000 } },
      { fetch: naive.fetch },
    );
    const items = await Promise.all(google.messages().map(naiveItem));
    const { results } = await engine.generate(items, { now: new Date(), timeZone: 'UTC', prepTaskHours: 24, selfAddresses: [google.account.email] });

    // The fake model's verdicts both ways, on the messages ours judged (a check that trimming kept the signal).
    let agree = 0;
    let naiveActionOnFiltered = 0;
    for (const [id, entry] of results) {
      if (isFailure(entry)) continue;
      const mine = oursNeedsAction.get(id);
      if (mine === undefined) naiveActionOnFiltered += entry.needsAction ? 1 : 0;
      else if (mine === entry.needsAction) agree += 1;
    }
    const perItem = (usage: { promptTokens: number; completionTokens: number }) => (usage.promptTokens + usage.completionTokens) / count;
    const oursPerItem = perItem(ours.usage);
    const naivePerItem = perItem(naive.usage);
    return {
      items: count,
      requests: ours.usage.requests,
      prompt_tokens: ours.usage.promptTokens,
      completion_tokens: ours.usage.completionTokens,
      tokens_per_item: round(oursPerItem, 1),
      naive_tokens_per_item: round(naivePerItem, 1),
      ratio: round(oursPerItem / naivePerItem, 3),
      runs: 1,
      deterministic: 'the fake counts characters, so token figures are identical run to run',
      mix: mixOf(corpus),
      items_judged: oursNeedsAction.size,
      items_prefiltered: count - oursNeedsAction.size,
      sync_log_llm_tokens: syncLog?.llmTokens ?? null,
      naive: { requests: naive.usage.requests, prompt_tokens: naive.usage.promptTokens, completion_tokens: naive.usage.completionTokens },
      fake_model_agreement_on_judged: `${agree}/${oursNeedsAction.size}`,
      fake_model_needs_action_on_prefiltered: naiveActionOnFiltered,
    };
  } finally {
    await openai.close();
    await google.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
