import { describe, expect, it } from 'vitest';
import { EvalLineSchema, toProviderItem } from '../../scripts/lib/eval-items';
import { createOfflineEngine } from '../../src/main/ai/offline';
import { isFailure, type GeneratedSuggestion, type GenerationContext } from '../../src/main/ai/types';

const ME = 'dana@northwind.example';
const engine = createOfflineEngine();
const context: GenerationContext = { now: new Date('2025-03-07T12:00:00Z'), timeZone: 'Europe/Paris', prepTaskHours: 24, selfAddresses: [ME] };
const me = (response = 'accepted', organizer = false) => ({ name: 'Dana', address: ME, response, self: true, organizer });
const other = (n: number) => ({ name: `Person ${n}`, address: `p${n}@northwind.example`, response: 'accepted' });

async function judge(extra: Record<string, unknown>, ctx: GenerationContext = context): Promise<GeneratedSuggestion> {
  const line = {
    id: 'ev1',
    kind: 'calendar_event',
    from: 'Nina Alvarez <nina@northwind.example>',
    subject: 'Meeting',
    date: '2025-03-03T10:00:00Z',
    body: '',
    start: '2025-03-12T09:00:00Z',
    end: '2025-03-12T10:00:00Z',
    attendees: [me(), other(1), other(2)],
    ...extra,
  };
  const entry = (await engine.generate([toProviderItem(EvalLineSchema.parse(line))], ctx)).results.get('ev1');
  if (!entry || isFailure(entry)) throw new Error('no verdict');
  return entry;
}

describe('offline engine: calendar events', () => {
  it('makes a preparation task due prepTaskHours before the start when there is an agenda or deck', async () => {
    const s = await judge({ subject: 'Q1 board meeting', body: 'Agenda and pre-read attached (board-deck.pdf).' });
    expect(s).toMatchObject({ needsAction: true, title: 'Prepare for Q1 board meeting', deadline: '2025-03-11T09:00:00.000Z' });
    expect(s.confidence).toBeGreaterThanOrEqual(0.8);
    expect(s.reasoning).toMatch(/agenda|board meeting/);
    expect(s.description).toContain('2025-03-12 10:00 (Europe/Paris)');
  });

  it('honours prepTaskHours and falls back to the start once the prep time has passed', async () => {
    expect((await judge({ subject: 'Interview: backend engineer' }, { ...context, prepTaskHours: 2 })).deadline).toBe('2025-03-12T07:00:00.000Z');
    const soon = await judge({ subject: 'Client demo', start: '2025-03-07T18:00:00Z', end: '2025-03-07T19:00:00Z' });
    expect(soon.deadline).toBe('2025-03-07T18:00:00.000Z');
    expect(soon.priority).toBe('high');
  });

  it.each([
    ['interviews', { subject: 'Interview: Senior Backend Engineer (J. Chen)' }],
    ['demos', { subject: 'Product demo for Globex' }],
    ['reviews with a document', { subject: 'Design review', body: 'Please review the Figma file before the meeting.' }],
    ['meetings I organise with others', { subject: 'Q2 planning', attendees: [me('accepted', true), other(1), other(2)], from: `Dana <${ME}>` }],
  ])('plausible preparation: %s', async (_label, extra) => {
    expect((await judge(extra)).needsAction).toBe(true);
  });

  it.each([
    ['cancelled events', { subject: 'Board meeting', body: 'Agenda attached', status: 'cancelled' }],
    ['declined events', { subject: 'Offsite planning', body: 'Bring slides', attendees: [me('declined'), other(1)] }],
    ['all-day holidays', { subject: 'Public holiday: Good Friday', start: '2025-04-18', end: '2025-04-19', attendees: [] }],
    ['out of office', { subject: 'OOO - vacation', start: '2025-03-17', end: '2025-03-22', attendees: [me('accepted', true)] }],
    ['events already started', { subject: 'Sprint review with demo', start: '2025-03-07T11:30:00Z', end: '2025-03-07T13:00:00Z' }],
    ['routine events', { subject: 'Team standup' }],
    ['lunches and personal blocks', { subject: 'Lunch with Maria', attendees: [me(), other(1)] }],
    ['big meetings organised by someone else', { subject: 'All-hands', attendees: [me(), ...Array.from({ length: 20 }, (_, i) => other(i))] }],
    ['events without a start', { subject: 'Board meeting', start: null }],
  ])('no preparation for %s', async (_label, extra) => {
    const s = await judge(extra);
    expect(s.needsAction).toBe(false);
    expect(s.deadline).toBeNull();
    expect(s.confidence).toBeLessThan(0.5);
  });

  it('recognises the person as organiser through selfAddresses alone', async () => {
    const s = await judge({ subject: 'Globex catch-up', from: `Dana <${ME}>`, attendees: [{ address: ME }, other(1)] });
    expect(s.needsAction).toBe(true);
  });
  it('a big event someone else runs is no task for one of the crowd, unless it names the person', async () => {
    const crowd = [me(), ...Array.from({ length: 40 }, (_, n) => other(n))];
    const townHall = await judge({ subject: 'Quarterly all-company review', body: 'Agenda: results, roadmap, Q&A. Slides will be shared.', attendees: crowd });
    expect(townHall.needsAction).toBe(false);
    expect(townHall.reasoning).toMatch(/One of 40 attendees/);
    const presenting = await judge({ subject: 'Quarterly all-company review', body: 'Agenda: results (Dana presents the roadmap slides), Q&A.', attendees: crowd });
    expect(presenting.needsAction).toBe(true);
  });
});
