/**
 * The learning bench's stream: 1,000 items in arrival order from a person's working life, with what a
 * simulated person with consistent preferences wants of each. They never act on two newsletters that
 * slip past the bulk screen (no List-Unsubscribe), one noisy discussion list and one Slack channel;
 * they always act on their manager; otherwise they act on real requests and not on FYIs and thanks.
 * Deterministic for a seed.
 */
import type { EmailItem, ProviderItem, SlackMessageItem } from '../../src/main/items/provider-item';
import { seededRandom } from './stats';

/** Where an item comes from, for the report. */
export type StreamSource = 'manager' | 'colleague' | 'external' | 'newsletter' | 'noisy_list' | 'noisy_channel' | 'slack_dm';

/** One item and the person's wish. */
export interface StreamItem {
  item: ProviderItem;
  source: StreamSource;
  /** True when this person would turn the item into a task. */
  wanted: boolean;
}

/** The sources the person never acts on, as the rules that match them would name them. */
export const NEVER_SOURCES = {
  newsletters: ['digest@growthweekly.example', 'events@vendorhub.example'],
  list: 'dev-chat.lists.example.org',
  channel: 'c0random',
};
/** The manager. */
export const MANAGER = 'morgan.lee@acme.example';

const MIX: Array<[StreamSource, number]> = [
  ['manager', 0.1],
  ['colleague', 0.33],
  ['external', 0.05],
  ['newsletter', 0.15],
  ['noisy_list', 0.15],
  ['noisy_channel', 0.1],
  ['slack_dm', 0.12],
];
const COLLEAGUES = ['Dana Reyes', 'Sam Patel', 'Priya Shah', 'Ravi Chen', 'Maria Garcia', 'Jo Park', 'Noor Haddad', 'Tomas Silva', 'Ana Costa', 'Kofi Mensah', 'Ines Berg', 'Lee Wu'];
const TOPICS = ['Q3 budget', 'vendor contract', 'onboarding plan', 'release 2.4', 'design review', 'board deck', 'hiring plan', 'security audit', 'pricing page', 'offsite agenda', 'data migration', 'roadmap'];
const REQUESTS = [
  'Could you review the {t} and send me your comments by Friday?',
  'Can you sign off on the {t} before Monday noon?',
  'Please send me the updated numbers for the {t} by end of day tomorrow.',
  'Would you be able to join a call about the {t} on Thursday at 3pm?',
  'We need your approval on the {t} today.',
  'Could you fill in the {t} checklist and return it by March 14?',
  'Can you take a look at the {t} draft when you get a chance?',
  'Please update the {t} doc with your team figures.',
];
const FYIS = [
  'Just a heads-up: the {t} moved to next quarter. No action needed.',
  'FYI, I shared the notes from the {t} meeting in the team folder.',
  'Thanks for your help with the {t} yesterday, it went really well.',
  'The {t} is done and deployed. Nothing else to do here.',
  'Great work on the {t} everyone!',
];
// Not requests to this person, but worded like one: what an engine gets wrong, and a person learns to skip.
const SOFT = [
  'Please find attached the notes from the {t} meeting.',
  'Let me know if you have any questions about the {t}, otherwise no need to reply.',
  'Sam, could you send me the {t} numbers by Friday? Thanks.',
  'Can you believe the {t} is finally done?',
  'Please note the {t} room changed to 4B.',
  'Could be worth a look at the {t} sometime, no rush at all.',
];
const NEWSLETTER = [
  'Register for our growth webinar by Friday and save your seat.',
  'Reply to this email to claim your free strategy session this week.',
  'Please confirm your attendance at the summit by Thursday.',
  'Download the new playbook and share it with your team today.',
  'Join 5,000 leaders at our event next month. Book your ticket now.',
];
const LIST = [
  'Can someone review PR {n} before the release?',
  'Could anyone share the logs from the staging outage?',
  'Please vote on the naming proposal by Friday.',
  'Does anyone know why the nightly build fails on arm64?',
  'Reminder: please update your dependencies before the freeze.',
];
const CHANNEL = [
  'Can someone grab the lunch order today?',
  'Anyone want to review my slides for the brown bag?',
  'Could someone water the plants on Friday?',
  'Please vote for the next team event by Wednesday.',
  'Who can cover the front desk this afternoon?',
];

const slug = (name: string) => name.toLowerCase().replace(/[^a-z]+/g, '.');

/** Builds the stream: `count` items, oldest first. */
export function buildLearningStream(count = 1000, seed = 15, start = Date.parse('2026-02-02T08:00:00.000Z')): StreamItem[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const sourceAt = (): StreamSource => {
    let roll = random();
    for (const [source, share] of MIX) if ((roll -= share) < 0) return source;
    return 'colleague';
  };
  const stream: StreamItem[] = [];
  for (let index = 0; index < count; index += 1) {
    const date = new Date(start + index * 17 * 60_000).toISOString();
    const topic = pick(TOPICS);
    const fill = (template: string) => template.replace('{t}', topic).replace('{n}', String(100 + index));
    const id = `s${index}`;
    const source = sourceAt();
    const roll = random();
    const isRequest = roll < (source === 'manager' ? 0.75 : 0.55);
    const soft = !isRequest && roll > 0.8 && source !== 'manager';
    const text = fill(isRequest ? pick(REQUESTS) : soft ? pick(SOFT) : pick(FYIS));
    switch (source) {
      case 'manager':
        stream.push({ source, wanted: true, item: email(id, date, { name: 'Morgan Lee', address: MANAGER }, subjectOf(text, topic), text) });
        break;
      case 'colleague': {
        const name = pick(COLLEAGUES);
        stream.push({ source, wanted: isRequest, item: email(id, date, { name, address: `${slug(name)}@acme.example` }, subjectOf(text, topic), text) });
        break;
      }
      case 'external': {
        const name = pick(['Chris Vendor', 'Alex Client', 'Jamie Partner']);
        stream.push({ source, wanted: isRequest, item: email(id, date, { name, address: `${slug(name)}@partner.example` }, subjectOf(text, topic), text) });
        break;
      }
      case 'newsletter': {
        const address = pick(NEVER_SOURCES.newsletters);
        const body = pick(NEWSLETTER);
        stream.push({ source, wanted: false, item: email(id, date, { name: address.startsWith('digest') ? 'Growth Weekly' : 'VendorHub Events', address }, body.split(/[.!]/)[0]!, body) });
        break;
      }
      case 'noisy_list': {
        const name = pick(['Kim Dev', 'Lou Ops', 'Max QA', 'Val SRE', 'Ari Build']);
        const body = fill(pick(LIST));
        const item = email(id, date, { name, address: `${slug(name)}@opensource.example` }, `[dev-chat] ${body.slice(0, 50)}`, body);
        item.headers = { ...item.headers, listId: `Dev chat <${NEVER_SOURCES.list}>`, listPost: `<mailto:dev-chat@lists.example.org>` };
        stream.push({ source, wanted: false, item });
        break;
      }
      case 'noisy_channel':
        stream.push({ source, wanted: false, item: slack(id, date, { id: 'C0RANDOM', name: 'random', direct: false }, pick(COLLEAGUES), pick(CHANNEL)) });
        break;
      case 'slack_dm': {
        const name = pick(COLLEAGUES);
        stream.push({ source, wanted: isRequest, item: slack(id, date, { id: `D${slug(name).replace(/\./g, '').toUpperCase()}`, name: name, direct: true }, name, text) });
        break;
      }
    }
  }
  return stream;
}

function subjectOf(text: string, topic: string): string {
  return /\?|please|need|can you|could you/i.test(text) ? `Re: ${topic}` : `${topic} update`;
}

function email(id: string, date: string, from: { name: string; address: string }, subject: string, body: string): EmailItem {
  return {
    type: 'email',
    id,
    threadKey: `thread-${id}`,
    date,
    link: null,
    from,
    to: [{ name: 'Alex Rivera', address: 'alex@acme.example' }],
    cc: [],
    subject,
    snippet: body.slice(0, 120),
    bodyText: body,
    labels: ['INBOX', 'UNREAD'],
    headers: { listUnsubscribe: null, precedence: null, autoSubmitted: null },
    contentFlags: [],
  };
}

function slack(id: string, date: string, channel: { id: string; name: string; direct: boolean }, author: string, text: string): SlackMessageItem {
  const ts = String(Date.parse(date) / 1000);
  return {
    type: 'slack_message',
    id,
    threadKey: null,
    date,
    link: null,
    channelId: channel.id,
    channelName: channel.name,
    isDirect: channel.direct,
    author: { id: `U${slug(author).replace(/\./g, '').toUpperCase()}`, name: author },
    text,
    ts,
    threadTs: null,
    threadContext: [],
    contentFlags: [],
  };
}
