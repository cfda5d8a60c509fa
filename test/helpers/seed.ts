/**
 * Seeds a data folder before the headless host starts on it, through the app's own database code
 * (openAppDatabase + migrations + repositories), so E2E specs see realistic integrations, suggestions
 * (with the snapshots and previews sync would store), tasks, sync logs and outbox rows.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openAppDatabase } from '../../src/main/db/app-database';
import { loadMigrations } from '../../src/main/db/migrate';
import { createRepositories, type Repositories } from '../../src/main/db/repositories';
import type { NewSuggestion } from '../../src/main/db/suggestion-repository';
import { toPreview, type CalendarEventItem, type EmailItem, type Person, type ProviderItem, type SlackMessageItem } from '../../src/main/items/provider-item';
import type { IntegrationSettings, ProviderType, SuggestionStatus } from '../../src/shared/models';
import { ROOT } from './host';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Opens `dataDir/app.db` (creating and migrating it), runs `fill` in one transaction, closes it. */
export function seedDataDir<T>(dataDir: string, fill: (repos: Repositories, now: Date) => T, now = new Date()): T {
  mkdirSync(dataDir, { recursive: true });
  const { db } = openAppDatabase(join(dataDir, 'app.db'), loadMigrations(join(ROOT, 'src/main/db/migrations')), () => now);
  try {
    const repos = createRepositories(db, () => now);
    return db.transaction(() => fill(repos, now))();
  } finally {
    db.close();
  }
}

const person = (name: string | null, address: string): Person => ({ name, address });
const iso = (now: Date, offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();

/** An email snapshot as the Gmail provider would store it. */
export function emailItem(id: string, from: Person, subject: string, body: string, date: string, contentFlags: string[] = []): EmailItem {
  return {
    type: 'email',
    id,
    threadKey: `thread-${id}`,
    date,
    link: `https://mail.google.com/mail/u/0/#inbox/${id}`,
    from,
    to: [person('Alex Morgan', 'alex@example.com')],
    cc: [],
    subject,
    snippet: body.slice(0, 200),
    bodyText: body,
    labels: ['INBOX', 'UNREAD'],
    headers: { listUnsubscribe: null, precedence: null, autoSubmitted: null },
    contentFlags,
  };
}

/** A calendar event snapshot. */
export function eventItem(id: string, title: string, start: string, hours: number, location: string | null, attendees: Person[]): CalendarEventItem {
  return {
    type: 'calendar_event',
    id,
    threadKey: null,
    date: start,
    link: `https://calendar.google.com/calendar/event?eid=${id}`,
    title,
    description: `Agenda for ${title}.`,
    start,
    end: new Date(Date.parse(start) + hours * HOUR).toISOString(),
    allDay: false,
    location,
    conferenceLink: null,
    organizer: attendees[0] ?? null,
    attendees: attendees.map((attendee, index) => ({ ...attendee, responseStatus: index === 0 ? 'accepted' : 'needsAction', self: false, organizer: index === 0 })),
    status: 'confirmed',
    selfResponse: 'needsAction',
    contentFlags: [],
  };
}

/** A Slack message snapshot. */
export function slackItem(id: string, channelName: string, isDirect: boolean, author: string, text: string, date: string): SlackMessageItem {
  return {
    type: 'slack_message',
    id,
    threadKey: null,
    date,
    link: `https://acme.slack.com/archives/C0${channelName.toUpperCase()}/p${id}`,
    channelId: `C0${channelName.toUpperCase()}`,
    channelName,
    isDirect,
    author: { id: `U${author.length}`, name: author },
    text,
    ts: id,
    threadTs: null,
    threadContext: [],
    contentFlags: [],
  };
}

type Content = Pick<NewSuggestion, 'title' | 'priority' | 'confidence' | 'reasoning'> & Partial<Pick<NewSuggestion, 'description' | 'deadline' | 'tags' | 'flags'>>;

/** Inserts a suggestion for `item` with the preview sync would store; returns its id. */
export function addSuggestion(repos: Repositories, integrationId: number, item: ProviderItem, content: Content, status: SuggestionStatus = 'pending_approval'): number {
  const id = repos.suggestions.insert({
    integrationId,
    itemType: item.type,
    itemId: item.id,
    threadKey: item.threadKey,
    description: '',
    deadline: null,
    tags: [],
    flags: [],
    model: 'offline-v1',
    ...content,
    snapshot: item,
    preview: toPreview(item),
    status: status === 'auto_approved' ? 'pending_approval' : status,
  });
  if (status === 'auto_approved') {
    const task = repos.tasks.create({ title: content.title, description: content.description ?? '', priority: content.priority, dueAt: content.deadline ?? null, tags: content.tags ?? [], suggestionId: id });
    repos.suggestions.setStatus(id, 'auto_approved', task.id);
  }
  return id;
}

function addIntegration(repos: Repositories, provider: ProviderType, status: Parameters<Repositories['integrations']['create']>[0]['status'], account: string | null, settings: IntegrationSettings, now: Date) {
  const row = repos.integrations.create({ provider, status, settings });
  if (account) repos.integrations.setAccount(row.id, { accountId: `${provider}:${account}`, accountEmail: account.includes('@') ? account : null, displayName: account.includes('@') ? null : account, grantedScopes: [] });
  repos.integrations.setSchedule(row.id, iso(now, -5 * 60_000), status === 'connected' ? iso(now, 10 * 60_000) : null);
  return row.id;
}

/** Titles the specs look for. */
export const DEMO = {
  contract: 'Send the signed contract to Dana',
  budget: 'Reply to Priya about the Q3 budget',
  wire: 'Check the new bank details before paying Fabrikam',
  slides: 'Prepare slides for the design review',
  invite: 'Answer the offsite planning invitation',
  pr: 'Review the billing fix pull request',
  onboarding: 'Send Lee the onboarding document',
  invoice: 'Pay the March invoice from Northwind',
  release: 'Confirm the release date with Ops',
  passport: 'Renew passport',
};

/** A working day's worth of data: four integrations in every state, suggestions of each kind, tasks, logs, outbox. */
export function seedDemo(dataDir: string) {
  return seedDataDir(dataDir, (repos, now) => {
    const me = 'alex@example.com';
    const gmail = addIntegration(repos, 'gmail', 'connected', me, { syncFrequencyMinutes: 15, filterLabels: ['INBOX'], maxResults: 100, markReadOnDone: true, archiveOnDone: false }, now);
    const calendar = addIntegration(repos, 'google_calendar', 'connected', me, { syncFrequencyMinutes: 30, lookAheadDays: 14, prepTaskHours: 24 }, now);
    const slack = addIntegration(repos, 'slack', 'needs_reconnect', 'Acme workspace', { reaction: 'white_check_mark' }, now);
    repos.integrations.setStatus(slack, 'needs_reconnect', 'Slack no longer accepts the app’s sign-in. Reconnect to keep syncing.');
    const files = addIntegration(repos, 'mail_files', 'error', null, { path: '/home/alex/Mail/archive.mbox' }, now);
    repos.integrations.setStatus(files, 'error', 'The file /home/alex/Mail/archive.mbox could not be read.');

    const dana = person('Dana Lee', 'dana@acme.example');
    addSuggestion(repos, gmail, emailItem('m-contract', dana, 'Contract for review', 'Hi Alex, could you sign the attached contract and send it back by Friday? Thanks, Dana', iso(now, -2 * HOUR)), {
      title: DEMO.contract, priority: 'high', confidence: 0.93, deadline: iso(now, 2 * DAY), tags: ['contract'], description: 'Dana needs the signed contract back by Friday.',
      reasoning: 'Dana asks directly for the signed contract by Friday.',
    });
    addSuggestion(repos, gmail, emailItem('m-budget', person('Priya Shah', 'priya@acme.example'), 'Q3 budget', 'Can you confirm the Q3 numbers before Thursday’s meeting?', iso(now, -5 * HOUR)), {
      title: DEMO.budget, priority: 'medium', confidence: 0.81, reasoning: 'A question addressed to you with a meeting deadline.', tags: ['finance'],
    });
    addSuggestion(repos, gmail, emailItem('m-wire', person(null, 'billing@fabrikam.example'), 'Updated bank details', 'Please update our bank details and pay invoice 4471 today.', iso(now, -1 * HOUR), ['hidden_text', 'sensitive:payment']), {
      title: DEMO.wire, priority: 'urgent', confidence: 0.74, flags: ['hidden_text', 'sensitive:payment', 'held:unknown-sender'], reasoning: 'A payment request; the email contained text hidden from the reader.',
    });
    const team = [person('Maria Garcia', 'maria@acme.example'), person('Alex Morgan', me), person('Sam Ortiz', 'sam@acme.example')];
    addSuggestion(repos, calendar, eventItem('e-review', 'Design review', iso(now, 2 * DAY), 1, 'Room 4 / Meet', team), {
      title: DEMO.slides, priority: 'high', confidence: 0.88, deadline: iso(now, DAY), reasoning: 'You present at this review; preparation is due a day before.', tags: ['design'],
    });
    addSuggestion(repos, calendar, eventItem('e-offsite', 'Offsite planning', iso(now, 6 * DAY), 2, null, team), {
      title: DEMO.invite, priority: 'low', confidence: 0.62, reasoning: 'You have not answered this invitation yet.',
    });
    addSuggestion(repos, slack, slackItem('1712.0001', 'eng', false, 'Sam Ortiz', '@alex could you review my PR for the billing fix today?', iso(now, -30 * 60_000)), {
      title: DEMO.pr, priority: 'medium', confidence: 0.79, reasoning: 'Sam mentions you with a request for today.', tags: ['code-review'],
    });
    addSuggestion(repos, slack, slackItem('1712.0002', 'lee', true, 'Lee Chen', 'Hey, can you send me the onboarding doc when you get a chance?', iso(now, -3 * HOUR)), {
      title: DEMO.onboarding, priority: 'low', confidence: 0.55, reasoning: 'A direct message asking for a document.',
    });
    const invoice = addSuggestion(repos, gmail, emailItem('m-invoice', person('Northwind AP', 'ap@northwind.example'), 'Invoice March', 'Your March invoice is due on the 30th.', iso(now, -DAY)), {
      title: DEMO.invoice, priority: 'high', confidence: 0.97, deadline: iso(now, 3 * DAY), reasoning: 'An invoice with a due date.', tags: ['finance'],
    }, 'auto_approved');
    const release = addSuggestion(repos, slack, slackItem('1712.0003', 'ops', false, 'Jo Park', '@alex can you confirm the release date for 2.4?', iso(now, -DAY)), {
      title: DEMO.release, priority: 'medium', confidence: 0.96, reasoning: 'A direct request to you in #ops.',
    }, 'auto_approved');

    const invoiceTask = repos.suggestions.get(invoice)!.taskId;
    const releaseTask = repos.suggestions.get(release)!.taskId;
    repos.tasks.create({ title: DEMO.passport, priority: 'urgent', dueAt: iso(now, -2 * DAY), tags: ['personal'] });
    const done = repos.tasks.create({ title: 'Book the venue for the offsite', priority: 'medium', tags: ['offsite'] });
    repos.tasks.complete(done.id);

    const log = (integrationId: number, figures: Partial<Parameters<Repositories['syncLogs']['finish']>[1]>) =>
      repos.syncLogs.finish(repos.syncLogs.start(integrationId, 'scheduled'), {
        status: 'succeeded', itemsFetched: 0, itemsQuarantined: 0, suggestionsGenerated: 0, autoApproved: 0, apiCalls: 0, quotaUnits: 0, llmTokens: 0, error: null, notes: [], ...figures,
      });
    log(gmail, { itemsFetched: 120, itemsQuarantined: 2, suggestionsGenerated: 5, autoApproved: 1, apiCalls: 14, quotaUnits: 70, llmTokens: 5400, notes: ['38 newsletters skipped by the pre-filter'] });
    log(calendar, { itemsFetched: 18, suggestionsGenerated: 2, apiCalls: 2, quotaUnits: 2 });
    log(slack, { status: 'failed', apiCalls: 1, error: 'Slack said the sign-in was revoked (token_revoked). Reconnect Slack.' });

    // Write-back actions in each state, through the outbox repository as the task service queues them.
    const queue = (integrationId: number, taskId: number | null, kind: 'archive' | 'mark_read' | 'react', target: Record<string, string>, label: string) => {
      repos.outbox.enqueue({ integrationId, taskId, kind, target, label, notBefore: now });
      return repos.outbox.list(1)[0]!.id;
    };
    const archived = queue(gmail, invoiceTask, 'archive', { messageId: 'm-invoice' }, 'Invoice March');
    repos.outbox.claim(archived);
    repos.outbox.markDone(archived);
    const dead = queue(gmail, null, 'mark_read', { messageId: 'm-old' }, 'Team lunch on Friday');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      repos.outbox.claim(dead);
      repos.outbox.retryAt(dead, now, 'Gmail refused the change (403: insufficient permission).');
    }
    repos.outbox.markDead(dead, 'Gmail refused the change (403: insufficient permission).');
    const later = queue(slack, releaseTask, 'react', { channel: 'C0OPS', ts: '1712.0003' }, '#ops from Jo Park');
    repos.outbox.claim(later);
    repos.outbox.retryAt(later, new Date(now.getTime() + 5 * 60_000), 'Slack was not reachable.');
    return { gmail, calendar, slack, files };
  });
}

/** `count` pending suggestions spread over Gmail, Calendar and Slack (for the feed's speed test). */
export function seedManySuggestions(dataDir: string, count: number): void {
  seedDataDir(dataDir, (repos, now) => {
    const gmail = addIntegration(repos, 'gmail', 'connected', 'alex@example.com', {}, now);
    const calendar = addIntegration(repos, 'google_calendar', 'connected', 'alex@example.com', {}, now);
    const slack = addIntegration(repos, 'slack', 'connected', 'Acme workspace', {}, now);
    for (let index = 0; index < count; index += 1) {
      const date = iso(now, -index * 60_000);
      const confidence = Math.round((0.5 + ((index * 7919) % 500) / 1000) * 1000) / 1000;
      const kind = index % 3;
      const item =
        kind === 0
          ? emailItem(`m-${index}`, person(`Sender ${index}`, `sender${index}@example.com`), `Request number ${index}`, `Could you look at item ${index} and reply by Friday?`, date)
          : kind === 1
            ? eventItem(`e-${index}`, `Meeting ${index}`, iso(now, (index % 14) * DAY), 1, 'Room 2', [person('Maria Garcia', 'maria@acme.example')])
            : slackItem(`17.${index}`, 'general', false, `Person ${index}`, `@alex can you handle ticket ${index}?`, date);
      addSuggestion(repos, kind === 0 ? gmail : kind === 1 ? calendar : slack, item, {
        title: `Task ${index}: follow up on item ${index}`, priority: (['low', 'medium', 'high', 'urgent'] as const)[index % 4]!, confidence, reasoning: `Reason ${index}: a direct request.`,
      });
    }
  });
}
