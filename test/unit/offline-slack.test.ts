import { describe, expect, it } from 'vitest';
import { EvalLineSchema, toProviderItem } from '../../scripts/lib/eval-items';
import { createOfflineEngine } from '../../src/main/ai/offline';
import { slackToText } from '../../src/main/ai/offline/slack';
import { isFailure, type GeneratedSuggestion, type GenerationContext } from '../../src/main/ai/types';

const engine = createOfflineEngine();
const context: GenerationContext = { now: new Date('2025-03-06T12:00:00Z'), timeZone: 'UTC', prepTaskHours: 24, selfAddresses: ['dana@northwind.example', 'U0DANA'] };

async function judge(body: string, extra: Record<string, unknown> = {}): Promise<GeneratedSuggestion> {
  const line = { id: 'sl1', kind: 'slack_message', from: null, to: null, subject: null, date: '2025-03-06T10:00:00Z', body, channel: 'DM', author: 'Priya Nair', ...extra };
  const entry = (await engine.generate([toProviderItem(EvalLineSchema.parse(line))], context)).results.get('sl1');
  if (!entry || isFailure(entry)) throw new Error('no verdict');
  return entry;
}

describe('offline engine: Slack messages', () => {
  it('turns a mention with a request and a deadline into a task', async () => {
    const s = await judge('<@U0DANA> could you update the release notes before 5pm today?', { channel: '#release' });
    expect(s).toMatchObject({ needsAction: true, title: 'Update the release notes', deadline: '2025-03-06T17:00:00.000Z' });
    expect(s.description).toContain('Priya Nair in #release');
    expect(s.tags[0]).toBe('slack');
  });

  it('treats direct questions as things to answer', async () => {
    const s = await judge('Do you have the latest version of the pricing sheet?');
    expect(s.needsAction).toBe(true);
    expect(s.title).toBe('Reply to Priya: Do you have the latest version of the pricing sheet?');
  });

  it.each([
    ['thanks', '<@U0DANA> thanks for the quick fix!'],
    ['acknowledgements', 'ok sounds good'],
    ['emoji only', ':+1: :tada:'],
    ['unicode emoji only', '👍🏽'],
    ['FYI with no action', '<@U0DANA> FYI the deploy is done, nothing needed from you'],
    ['heads-up', "Heads up: I'll be out tomorrow, Sam is covering for me."],
    ['chatter', 'lol that meeting was wild'],
  ])('no task for %s', async (_label, body) => {
    const s = await judge(body);
    expect(s.needsAction).toBe(false);
    expect(s.priority).toBe('low');
  });

  it('uses the thread only as context, never as the request', async () => {
    const s = await judge('haha nice', { thread: [{ author: 'Jo', text: 'Can you send the invoice to Initech today?' }] });
    expect(s.needsAction).toBe(false);
    expect(s.description).toContain('in a thread started by Jo');
  });

  it('ignores messages written by the person', async () => {
    const s = await judge('Can you review my PR?', { from: 'U0DANA', author: 'Dana' });
    expect(s.needsAction).toBe(false);
  });

  it('marks ASAP requests urgent', async () => {
    const s = await judge('<@U0DANA> the build is failing on main again, can you take a look ASAP?', { channel: '#platform' });
    expect(s).toMatchObject({ needsAction: true, priority: 'urgent', title: 'Take a look: the build is failing on main again' });
  });

  it('converts Slack markup to text', () => {
    expect(slackToText('<@U1> see <https://x.example/pr/1|PR #1> in <#C1|eng> :eyes: &amp; <!here>')).toBe('see PR #1 in #eng & @channel');
  });
});
