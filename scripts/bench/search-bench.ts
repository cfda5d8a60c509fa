/**
 * Part search (INTERFACES.md §6 `search`): 100,000 suggestions with realistic snapshots (sender, subject,
 * a mail or Slack text) and the tasks approved from one in ten of them, seeded through the app's own
 * repositories (so the FTS5 triggers index them as sync would), then the app's core over that folder:
 * `suggestions:list` with a two-word as-you-type query ("budget rev") through the same dispatch the bridge
 * and Electron IPC call, for queries drawn with the corpus's own word frequencies.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodePlatform } from '../../src/host/node-platform';
import { createCore } from '../../src/main/core';
import { dispatch } from '../../src/main/ipc/dispatch';
import type { ChannelResult } from '../../src/shared/ipc-contract';
import { addSuggestion, emailItem, seedDataDir, slackItem } from '../../test/helpers/seed';
import { seededRandom, wordPicker } from './search-corpus';
import { median, percentile, round } from './stats';

const ROWS = 100_000;
const QUERIES = 300;
/** The page the renderer asks for while someone types in the search box. */
const PAGE = 50;

function seed(dataDir: string, rows: number): void {
  const random = seededRandom(17);
  const { pick, name, words } = wordPicker(random);
  seedDataDir(dataDir, (repos, now) => {
    const gmail = repos.integrations.create({ provider: 'gmail', status: 'connected' }).id;
    const slack = repos.integrations.create({ provider: 'slack', status: 'connected' }).id;
    for (let index = 0; index < rows; index += 1) {
      const date = new Date(now.getTime() - index * 60_000).toISOString();
      const who = `${name()} ${name()}`;
      const title = `${pick()} the ${pick()} ${pick()} for ${who.split(' ')[0]}`;
      const body = `Hi, could you ${words(6)} before ${pick()}? The ${words(12)}. Thanks, ${who}`;
      const item =
        index % 4 === 3
          ? slackItem(`17.${index}`, pick(), false, who, body, date)
          : emailItem(`m-${index}`, { name: who, address: `${who.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com` }, `${pick()} ${pick()} ${pick()}`, body, date);
      addSuggestion(
        repos,
        index % 4 === 3 ? slack : gmail,
        item,
        { title, description: words(8), tags: [pick()], priority: 'medium', confidence: round(0.5 + random() / 2, 3), reasoning: 'A direct request.' },
        index % 10 === 0 ? 'auto_approved' : 'pending_approval',
      );
    }
  });
}

/**
 * Two words as someone types them: a whole word, then the start of another (at least three letters),
 * drawn with the corpus's own word frequencies (a word seen often in mail is searched often) among the
 * words from rank `from` on. The 20 most frequent words, in a large share of all rows, make the worst
 * case, measured apart.
 */
function queries(count: number, from: number, to: number, seed: number): string[] {
  const picker = wordPicker(seededRandom(seed));
  const rank = new Map(picker.vocabulary.map((word, index) => [word, index]));
  const word = (): string => {
    for (;;) {
      const candidate = picker.pick();
      const at = rank.get(candidate)!;
      if (at >= from && at < to) return candidate;
    }
  };
  return Array.from({ length: count }, () => {
    const second = word();
    return `${word()} ${second.slice(0, Math.max(3, Math.ceil(second.length / 2)))}`;
  });
}

/** Runs the search part; returns its figures. */
export async function benchSearch(options: { log(line: string): void; rows?: number }) {
  const rows = options.rows ?? ROWS;
  const dataDir = mkdtempSync(join(tmpdir(), 'pt-bench-search-'));
  try {
    options.log(`search: seeding ${rows.toLocaleString('en')} suggestions (one in ten approved into a task)...`);
    const seedStart = performance.now();
    seed(dataDir, rows);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const core = createCore(createNodePlatform({ dataDir, openExternalMode: 'print', log: () => undefined }), { undoWindowMs: 0 });
    try {
      const call = async <C extends 'suggestions:list' | 'tasks:list'>(channel: C, input: unknown) => {
        const result = await dispatch(core.handlers, channel, input, core.logger);
        if (!result.reply.ok) throw new Error(`${channel} failed: ${result.reply.error.message}`);
        return result.reply.value as ChannelResult<C>;
      };
      const measure = async (list: string[]) => {
        for (const query of list.slice(0, 10)) await call('suggestions:list', { query, limit: PAGE });
        const times: number[] = [];
        const matches: number[] = [];
        for (const query of list) {
          const start = performance.now();
          const page = await call('suggestions:list', { query, limit: PAGE });
          times.push(performance.now() - start);
          matches.push(page.total);
        }
        return { times, matches };
      };
      const list = queries(QUERIES, 20, Infinity, 99);
      const { times, matches } = await measure(list);
      const common = await measure(queries(60, 0, 20, 7));
      const taskTimes: number[] = [];
      for (const query of list.slice(0, 100)) {
        const start = performance.now();
        await call('tasks:list', { query, limit: PAGE });
        taskTimes.push(performance.now() - start);
      }
      return {
        rows,
        query_ms_p50: round(median(times), 3),
        query_ms_p95: round(percentile(times, 95), 3),
        query_ms_max: round(Math.max(...times), 3),
        queries: list.length,
        example_queries: list.slice(0, 5),
        page_size: PAGE,
        matches_p50: median(matches),
        matches_p95: percentile(matches, 95),
        common_words_query_ms_p50: round(median(common.times), 3),
        common_words_query_ms_p95: round(percentile(common.times, 95), 3),
        common_words_matches_p50: median(common.matches),
        tasks: Math.ceil(rows / 10),
        tasks_query_ms_p50: round(median(taskTimes), 3),
        tasks_query_ms_p95: round(percentile(taskTimes, 95), 3),
        measured: 'suggestions:list {query, limit: 50} through dispatch (schema, service, FTS5 page with marks, per-status counts)',
        seed_seconds: round(seedSeconds, 1),
        database_mb: round(statSync(join(dataDir, 'app.db')).size / 1024 / 1024, 1),
      };
    } finally {
      await core.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
