/**
 * The benchmark's mailbox: a deterministic, realistic mix of direct requests, FYIs and bulk mail
 * (newsletters with List-Unsubscribe, Precedence: bulk notifications, no-reply receipts, promotions,
 * auto-replies), plain and HTML, with quoted history and signatures, so the pre-filter, the HTML
 * cleaner and the quote trimmer all have real work to do.
 */
import type { MessageBuilderInput } from '../../test/fakes/google';
import { seededRandom } from './stats';

/** What kind of mail a corpus message is (the bench reports the mix). */
export type MailKind = 'request' | 'fyi' | 'newsletter' | 'notification' | 'noreply' | 'promotion' | 'auto_reply';

/** One message to add to the fake mailbox. */
export interface CorpusMessage {
  kind: MailKind;
  input: MessageBuilderInput;
}

/** Share of each kind; the bulk kinds (40%) are what the pre-filter should drop on headers alone. */
export const MAIL_MIX: Readonly<Record<MailKind, number>> = {
  request: 0.38,
  fyi: 0.22,
  newsletter: 0.18,
  notification: 0.08,
  noreply: 0.06,
  promotion: 0.05,
  auto_reply: 0.03,
};

const FIRST = ['Dana', 'Sam', 'Priya', 'Ravi', 'Maria', 'Lee', 'Jo', 'Alex', 'Noor', 'Tomás', 'Chen', 'Ana', 'Kofi', 'Ines'];
const LAST = ['Reyes', 'Lee', 'Shah', 'Patel', 'Garcia', 'Chen', 'Park', 'Morgan', 'Haddad', 'Silva', 'Wu', 'Costa', 'Mensah', 'Berg'];
const TOPICS = ['Q3 budget', 'vendor contract', 'onboarding plan', 'release 2.4', 'design review', 'board deck', 'hiring plan', 'security audit', 'customer escalation', 'pricing page', 'offsite agenda', 'data migration'];
const ASKS = [
  'Could you please review the attached {t} and send me your comments by Friday?',
  'Can you sign off on the {t} before Monday noon?',
  'Please send me the updated numbers for the {t} by end of day tomorrow.',
  'Would you be able to join a call about the {t} on Thursday at 3pm? Let me know.',
  'We need your approval on the {t} today, otherwise the vendor deadline slips.',
  'Could you fill in the {t} checklist and return it by March 14?',
];
const FYIS = [
  'Just a heads-up: the {t} was moved to next quarter. No action needed on your side.',
  'FYI, I shared the notes from the {t} meeting in the team folder.',
  'Thanks for your help with the {t} yesterday, it went really well.',
  'The {t} is done and deployed. Nothing else to do here.',
];
const FILLER = [
  'Some context: we discussed this in last week’s sync and agreed to keep the scope small.',
  'The figures from finance came in later than expected, which is why this is late.',
  'I have copied the others who worked on the earlier version so they can follow along.',
  'Let me know if anything is unclear or if you would rather talk it through in person.',
  'The earlier draft had a few open questions on timing that are now resolved.',
];

/** Builds `count` messages to `to`, newest first, deterministic for a seed. */
export function buildCorpus(count: number, to: string, seed = 42, now = Date.now()): CorpusMessage[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const kinds = Object.entries(MAIL_MIX) as Array<[MailKind, number]>;
  const kindAt = (): MailKind => {
    let roll = random();
    for (const [kind, share] of kinds) if ((roll -= share) < 0) return kind;
    return 'request';
  };
  const messages: CorpusMessage[] = [];
  for (let index = 0; index < count; index += 1) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const person = { name: `${first} ${last}`, address: `${first.toLowerCase().replace(/[^a-z]/g, '')}.${last.toLowerCase()}@acme.example`, first };
    const topic = pick(TOPICS);
    const date = new Date(now - index * 13 * 60_000 - Math.floor(random() * 600_000));
    const kind = kindAt();
    messages.push({ kind, input: message(kind, { person, topic, date, to, index, random, pick }) });
  }
  return messages;
}

interface Ctx {
  person: { name: string; address: string; first: string };
  topic: string;
  date: Date;
  to: string;
  index: number;
  random: () => number;
  pick: <T>(list: readonly T[]) => T;
}

function paragraphs(ctx: Ctx, lead: string, extra: number): string[] {
  const out = [lead.replace('{t}', ctx.topic)];
  for (let i = 0; i < extra; i += 1) out.push(ctx.pick(FILLER));
  return out;
}

function signature(ctx: Ctx): string {
  return `--\n${ctx.person.name}\nSenior Manager, Operations\nAcme Corporation | 221B Market Street, Springfield\n+1 555 0100 ${ctx.index % 100} | www.acme.example\nThis e-mail and any attachments are confidential and intended solely for the addressee.`;
}

function quoted(ctx: Ctx): string {
  const earlier = `On ${new Date(ctx.date.getTime() - 86_400_000).toUTCString()}, Alex Morgan <${ctx.to}> wrote:`;
  const body = [`Hi ${ctx.person.first},`, `Here is where we are on the ${ctx.topic}.`, ctx.pick(FILLER), ctx.pick(FILLER), ctx.pick(FILLER), 'Best, Alex'];
  return `${earlier}\n${body.map((line) => `> ${line}`).join('\n>\n')}`;
}

function htmlOf(text: string, withQuote: string | null, sig: string): string {
  const para = (block: string) => `<p style="margin:0 0 12px 0;font-family:Arial,sans-serif;font-size:14px">${block.replace(/\n/g, '<br>')}</p>`;
  const quote = withQuote ? `<div class="gmail_quote"><blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${withQuote.replace(/^> ?/gm, '').split('\n>\n').map(para).join('')}</blockquote></div>` : '';
  return `<!DOCTYPE html><html><head><style>p{color:#222}.sig{color:#888;font-size:12px}</style></head><body><div dir="ltr">${text.split('\n\n').map(para).join('')}<div class="sig">${sig.replace(/\n/g, '<br>')}</div>${quote}</div></body></html>`;
}

function conversational(ctx: Ctx, lead: string): MessageBuilderInput {
  const body = [`Hi,`, ...paragraphs(ctx, lead, Math.floor(ctx.random() * 3)), `Thanks,\n${ctx.person.first}`].join('\n\n');
  const quote = ctx.random() < 0.6 ? quoted(ctx) : null;
  const sig = signature(ctx);
  const text = `${body}\n\n${sig}${quote ? `\n\n${quote}` : ''}`;
  const subject = `${quote ? 'Re: ' : ''}${ctx.topic[0]!.toUpperCase()}${ctx.topic.slice(1)}`;
  const base = { from: `${ctx.person.name} <${ctx.person.address}>`, to: ctx.to, subject, date: ctx.date };
  return ctx.random() < 0.5 ? { ...base, text } : { ...base, text, html: htmlOf(body, quote, sig) };
}

function newsletterHtml(ctx: Ctx, brand: string): string {
  const story = (n: number) =>
    `<tr><td style="padding:16px 24px"><img src="https://cdn.${brand}.example/img/${ctx.index}-${n}.png" width="552" alt=""><h2 style="font-family:Georgia,serif;font-size:20px;color:#111">Story ${n}: what teams learned about ${ctx.pick(TOPICS)}</h2><p style="font-size:15px;line-height:22px;color:#333">${ctx.pick(FILLER)} ${ctx.pick(FILLER)} ${ctx.pick(FILLER)}</p><a href="https://${brand}.example/r/${ctx.index}/${n}?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=weekly" style="color:#0a66c2">Read more &rarr;</a></td></tr>`;
  const stories = Array.from({ length: 4 + Math.floor(ctx.random() * 5) }, (_, n) => story(n + 1)).join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0;background:#f4f4f4}table{border-collapse:collapse}@media (max-width:600px){.wrap{width:100%!important}}</style></head><body><table class="wrap" width="600" align="center" bgcolor="#ffffff"><tr><td style="padding:24px"><h1 style="font-size:28px">${brand} weekly</h1></td></tr>${stories}<tr><td style="padding:24px;font-size:11px;color:#999">You receive this because you subscribed at ${brand}.example. <a href="https://${brand}.example/unsubscribe?u=${ctx.index}">Unsubscribe</a> · <a href="https://${brand}.example/prefs">Preferences</a><div style="display:none;max-height:0;overflow:hidden">${'&nbsp;&zwnj;'.repeat(60)}</div></td></tr></table></body></html>`;
}

function message(kind: MailKind, ctx: Ctx): MessageBuilderInput {
  switch (kind) {
    case 'request':
      return conversational(ctx, ctx.pick(ASKS));
    case 'fyi':
      return conversational(ctx, ctx.pick(FYIS));
    case 'newsletter': {
      const brand = ctx.pick(['productweekly', 'devdigest', 'marketpulse', 'designnotes']);
      return {
        from: `${brand} <news@${brand}.example>`, to: ctx.to, subject: `This week: ${ctx.topic} and more`, date: ctx.date,
        text: `${brand} weekly. Read online: https://${brand}.example/issues/${ctx.index}`,
        html: newsletterHtml(ctx, brand),
        headers: { 'List-Unsubscribe': `<https://${brand}.example/unsubscribe?u=${ctx.index}>, <mailto:unsub@${brand}.example>`, 'List-Id': `<weekly.${brand}.example>` },
      };
    }
    case 'notification':
      return {
        from: 'CI <builds@ci.acme.example>', to: ctx.to, subject: `[acme/app] Build #${4000 + ctx.index} passed`, date: ctx.date,
        text: `Build #${4000 + ctx.index} of main passed in 7m ${ctx.index % 60}s.\n\nChanges:\n- ${ctx.pick(FILLER)}\n- ${ctx.pick(FILLER)}\n\nView the build: https://ci.acme.example/builds/${4000 + ctx.index}`,
        headers: { Precedence: 'bulk', 'X-Auto-Response-Suppress': 'All' },
      };
    case 'noreply':
      return {
        from: 'Shop <no-reply@shop.example>', to: ctx.to, subject: `Your receipt #${100_000 + ctx.index}`, date: ctx.date,
        text: `Thanks for your order. Total: $${(ctx.index % 90) + 9}.99. This mailbox is not monitored.`,
        html: `<html><body><table width="600"><tr><td><h1>Receipt</h1><p>Order #${100_000 + ctx.index}</p><p>Total: $${(ctx.index % 90) + 9}.99</p><p style="color:#999">Please do not reply to this email.</p></td></tr></table></body></html>`,
      };
    case 'promotion':
      return {
        from: 'Deals <deals@travel.example>', to: ctx.to, subject: `48 hours only: 30% off ${ctx.pick(['Lisbon', 'Kyoto', 'Oslo'])}`, date: ctx.date,
        text: 'Book now and save. Offer ends Sunday.', html: newsletterHtml(ctx, 'travel'),
        labelIds: ['INBOX', 'UNREAD', 'CATEGORY_PROMOTIONS'],
      };
    case 'auto_reply':
      return {
        from: `${ctx.person.name} <${ctx.person.address}>`, to: ctx.to, subject: `Automatic reply: ${ctx.topic}`, date: ctx.date,
        text: `I am out of the office until Monday with limited access to email. For urgent matters please contact the team.`,
        headers: { 'Auto-Submitted': 'auto-replied' },
      };
  }
}

/** Messages per kind, for the report. */
export function mixOf(messages: readonly CorpusMessage[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const message of messages) counts[message.kind] = (counts[message.kind] ?? 0) + 1;
  return counts;
}
