import { describe, expect, it } from 'vitest';
import { EvalInputError, parseEvalFile, parsePerson } from '../../scripts/lib/eval-items';
import { defaultNow, runEval } from '../../scripts/lib/run-eval';
import { createOfflineEngine } from '../../src/main/ai/offline';
import type { SuggestionEngine } from '../../src/main/ai/types';

const line = (o: Record<string, unknown>) => JSON.stringify(o);

describe('eval files', () => {
  it('converts the three kinds, tolerating missing optional fields', () => {
    const items = parseEvalFile(
      [
        line({ id: 'a', kind: 'email', from: 'Sam Lee <Sam@X.example>', to: 'a@x.example, "B, C" <b@x.example>', subject: 'Hi', date: '2025-03-05T10:00:00Z', body: 'Can you call me?', needs_action: true }),
        '',
        line({ id: 'b', kind: 'calendar_event', subject: 'Board', start: '2025-03-12', attendees: ['x@y.example', { email: 'me@y.example', self: true, response: 'declined' }] }),
        line({ id: 3, kind: 'slack_message', body: 'hi', channel: '#eng', author: 'Jo', extra_field: 1 }),
      ].join('\n'),
    );
    expect(items.map((i) => [i.line, i.item.id, i.item.type, i.label])).toEqual([
      [1, 'a', 'email', true],
      [3, 'b', 'calendar_event', null],
      [4, '3', 'slack_message', null],
    ]);
    const [email, event, slack] = items.map((i) => i.item);
    expect(email?.type === 'email' && [email.from, email.to.length]).toEqual([{ name: 'Sam Lee', address: 'sam@x.example' }, 2]);
    expect(event?.type === 'calendar_event' && [event.allDay, event.selfResponse, event.status, event.attendees.length]).toEqual([true, 'declined', 'confirmed', 2]);
    expect(slack?.type === 'slack_message' && [slack.isDirect, slack.channelName, slack.author.name]).toEqual([false, 'eng', 'Jo']);
  });

  it('fails fast naming the line for malformed JSON, bad fields and duplicate ids', () => {
    const bad = (content: string) => {
      try {
        parseEvalFile(content);
      } catch (err) {
        return err instanceof EvalInputError ? err.message : String(err);
      }
      return 'no error';
    };
    expect(bad(`${line({ id: 'a', kind: 'email' })}\n{oops`)).toMatch(/^line 2: not valid JSON/);
    expect(bad(line({ id: 'a', kind: 'fax' }))).toMatch(/^line 1: field "kind"/);
    expect(bad(line({ id: 'a', kind: 'email', date: 'last tuesday' }))).toMatch(/^line 1: field "date": must be an ISO 8601 date/);
    expect(bad(line({ id: 'a', kind: 'email', needs_action: 'yes' }))).toMatch(/^line 1: field "needs_action"/);
    expect(bad(`${line({ id: 'a', kind: 'email' })}\n${line({ id: 'a', kind: 'email' })}`)).toMatch(/^line 2: duplicate id "a"/);
  });

  it('parses people in the usual forms', () => {
    expect(parsePerson('"Lee, Sam" <sam@x.example>')).toEqual({ name: 'Lee, Sam', address: 'sam@x.example' });
    expect(parsePerson('sam@x.example')).toEqual({ name: null, address: 'sam@x.example' });
    expect(parsePerson({ name: 'Sam', email: 'S@X.example' })).toEqual({ name: 'Sam', address: 's@x.example' });
  });
});

describe('eval harness', () => {
  const content = [
    line({ id: 'e1', kind: 'email', from: 'sam@x.example', subject: 'Q4', date: '2025-03-05T09:00:00Z', body: 'Could you review the Q4 proposal by Friday?', needs_action: true }),
    line({ id: 'e2', kind: 'email', from: 'jo@x.example', subject: 'thanks', date: '2025-03-06T09:00:00Z', body: 'Thanks!', needs_action: false }),
    line({ id: 'e3', kind: 'email', from: 'me@x.example', subject: 'note', date: null, body: 'Please send it.', self: 'me@x.example' }),
  ].join('\n');

  it('writes the §5 report with metrics over labelled items only', async () => {
    const items = parseEvalFile(content);
    const report = await runEval(items, createOfflineEngine(), { engineLabel: 'offline', timeZone: 'UTC', prepTaskHours: 24, selfAddresses: [] });
    expect(report).toMatchObject({ engine: 'offline', model: 'offline-v1', count: 3, labelled: 2, failures: 0 });
    expect(report.metrics).toEqual({ accuracy: 1, balanced_accuracy: 1, precision: 1, recall: 1, f1: 1 });
    expect(report.context).toEqual({ now: '2025-03-06T09:00:00.000Z', timeZone: 'UTC', prepTaskHours: 24, selfAddresses: ['me@x.example'] });
    expect(report.predictions?.[0]).toEqual({ id: 'e1', needs_action: true, confidence: expect.any(Number), title: 'Review the Q4 proposal', deadline: '2025-03-07T17:00:00.000Z' });
    expect(report.predictions?.[2]?.needs_action).toBe(false);
    expect(defaultNow(items).toISOString()).toBe('2025-03-06T09:00:00.000Z');
  });

  it('reports null metrics with a note when nothing is labelled, and counts engine failures as "no action"', async () => {
    const unlabelled = parseEvalFile(line({ id: 'u', kind: 'email', body: 'Hello' }));
    const none = await runEval(unlabelled, createOfflineEngine(), { engineLabel: 'offline', timeZone: 'UTC', prepTaskHours: 24, selfAddresses: [] });
    expect(none.metrics.f1).toBeNull();
    expect(none.note).toMatch(/No item carries needs_action/);
    const failing: SuggestionEngine = {
      name: 'broken',
      generate: async (items) => ({ results: new Map(items.map((i) => [i.id, { error: 'boom', cause: 'model' as const }])), usage: { requests: 1, promptTokens: 0, completionTokens: 0 } }),
    };
    const report = await runEval(parseEvalFile(content), failing, { engineLabel: 'llm', timeZone: 'UTC', prepTaskHours: 24, selfAddresses: [] });
    expect(report.failures).toBe(3);
    expect(report.predictions?.[0]).toMatchObject({ needs_action: false, confidence: null, error: 'boom' });
    expect(report.metrics).toMatchObject({ recall: 0, balanced_accuracy: 0.5 });
  });
});
