/**
 * The source items of one commitment, in varied wording: which sources it reaches (and which it does
 * not), how each names it, on whose clock its times are written, and the links and headers that tie them.
 */
import type { Commitment, CorpusSource } from './corpus';
import { clockText, calendarEvent, dayText, eventLink, gmailMessage, invitationIcs, SELF, slackMessage, threadLink, wall, zoneLabel } from './corpus-render';
import { PROJECTS, type CorpusPerson, type Random } from './corpus-vocabulary';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const person = (p: CorpusPerson) => `${p.first} ${p.last} <${p.email}>`;
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const domainOf = (p: CorpusPerson) => p.email.split('@')[1]!;

/** A shorter way to name a meeting ("Interview: Alex Moreau (designer)" -> "the interview with Alex Moreau"). */
function shortMeeting(random: Random, title: string): string {
  const interview = /^Interview: ([^()]+) \(/.exec(title);
  if (interview && random.chance(0.6)) return `the interview with ${interview[1]!.trim()}`;
  const roll = random.next();
  if (roll < 0.5) return title;
  // A label before ": " goes ("Weekly sync: Helix" -> "Helix"); the colon of "1:1" is no label.
  if (roll < 0.8) return title.replace(/\s*\(.*\)$/, '').replace(/^[^:]+:\s+/, '') || title;
  return title.toLowerCase();
}

/** A shorter way to name a request's object ("the security questionnaire from Tailspin" -> "the Tailspin questionnaire"). */
function shortRequest(random: Random, what: string): string {
  const bare = what.replace(/^(?:the|your) /, '');
  const [head = bare, tail] = bare.split(/ (?:from|for|on|of|to) /);
  const noun = head.split(' ').slice(-1)[0]!;
  const options = [bare, head, `the ${noun}`, ...(tail ? [`the ${tail.replace(/^the /, '')} ${noun}`] : [])];
  return random.pick(options);
}

/** "tomorrow at 3pm PT", "Tuesday at 15:00 CET", "March 10 at 9am": a time on the writer's clock. */
function whenText(random: Random, atMs: number, sentMs: number, writer: CorpusPerson): string {
  const sameOrNext = wall(atMs, writer.zone).day - wall(sentMs, writer.zone).day;
  // Nobody names a weekday more than five days ahead: "March 16" then.
  const far = atMs - sentMs > 5 * DAY;
  const day = sameOrNext === 1 && !far && random.chance(0.6) ? 'tomorrow' : sameOrNext === 0 && !far ? 'today' : dayText(atMs, writer.zone, !far && random.chance(0.7) ? 'weekday' : 'long');
  const zone = random.chance(0.6) ? ` ${zoneLabel(writer.zone)}` : '';
  return `${day} at ${clockText(atMs, writer.zone, random.chance(0.7) ? 'ampm' : '24h')}${zone}`;
}

const AGENDAS = [
  (title: string) => `Agenda:\n1. Status\n2. Open questions\n3. Next steps\n\nPlease read the pre-read before ${title}: https://docs.google.com/document/d/${'x'.repeat(8)}`,
  () => 'Bring your numbers and the latest deck.',
  () => '',
  () => 'Join with Google Meet: https://meet.google.com/abc-defg-hij',
  (title: string) => `Let's go through ${title.toLowerCase()} together. Come prepared with questions.`,
];

/** The sources of a meeting: its event, invitation, a reply confirming it, a Slack reminder. */
export function meetingSources(random: Random, c: Commitment): CorpusSource[] {
  const organizer = c.people[0]!;
  const others = c.people.slice(1);
  const endMs = c.atMs + random.pick([30, 45, 60, 60, 90]) * MINUTE;
  const eventId = random.base32(26);
  const out: CorpusSource[] = [];
  const hasEvent = random.chance(0.92);
  if (hasEvent) {
    out.push({
      commitment: c.id, integration: 'calendar', arrivalMs: c.firstMs + random.int(0, 40) * MINUTE, variant: 'event',
      event: calendarEvent({
        id: eventId, title: c.title, description: random.pick(AGENDAS)(c.title), startMs: c.atMs, endMs, zone: organizer.zone, createdMs: c.firstMs,
        organizer: { email: organizer.email, displayName: `${organizer.first} ${organizer.last}` },
        attendees: others.map((p) => ({ email: p.email, displayName: `${p.first} ${p.last}` })),
      }),
    });
  }
  let invitation: { threadId: string; messageId: string; subject: string; sentMs: number } | null = null;
  if (!hasEvent || random.chance(0.65)) {
    const google = hasEvent && random.chance(0.8);
    const threadId = random.hex(16);
    const messageId = `${random.hex(20)}@${google ? 'google.com' : domainOf(organizer)}`;
    const sentMs = google ? c.firstMs : c.firstMs - random.int(0, 36) * HOUR;
    const when = `${dayText(c.atMs, organizer.zone, 'short')} ${clockText(c.atMs, organizer.zone, 'ampm')} - ${clockText(endMs, organizer.zone, 'ampm')} (${zoneLabel(organizer.zone)})`;
    const subject = google
      ? `${random.chance(0.85) ? 'Invitation' : 'Updated invitation'}: ${c.title} @ ${when} (${SELF.email})`
      : random.pick([c.title, `Meeting: ${c.title}`, `Time for ${shortMeeting(random, c.title)}?`, `${c.title} — ${dayText(c.atMs, organizer.zone, 'weekday')}`]);
    const text = google
      ? `${organizer.first} ${organizer.last} has invited you to the following event.\n\n${c.title}\nWhen: ${when}\nGuests: ${[organizer, ...others].map((p) => p.email).join(', ')}, ${SELF.email}\n\nView your event at ${eventLink(eventId)}&action=VIEW\n\nInvitation from Google Calendar`
      : `Hi Pat,\n\nCan we get together ${whenText(random, c.atMs, sentMs, organizer)} for ${shortMeeting(random, c.title)}? ${random.pick(['I will send an invite.', 'Let me know if that works.', 'Should take an hour at most.', ''])}\n\nThanks,\n${organizer.first}`;
    const calendar = google && random.chance(0.9) ? invitationIcs(`${eventId}@google.com`, c.title, c.atMs, endMs, organizer.email, [SELF.email, ...others.map((p) => p.email)]) : undefined;
    out.push({
      commitment: c.id, integration: 'gmail', arrivalMs: sentMs, variant: google ? (calendar ? 'invitation' : 'invitation-without-calendar-part') : 'meeting-request-email',
      message: gmailMessage({ id: threadId, threadId, from: person(organizer), to: [SELF.email, ...others.map((p) => p.email)], subject, sentMs, text, messageId, calendar }),
    });
    invitation = { threadId, messageId, subject, sentMs };
  }
  if (invitation && c.people.length > 1 && random.chance(0.2)) {
    const replier = random.pick(others);
    const sentMs = invitation.sentMs + random.int(1, 30) * HOUR;
    out.push({
      commitment: c.id, integration: 'gmail', arrivalMs: sentMs, variant: 'reply-confirming',
      message: gmailMessage({
        id: random.hex(16), threadId: invitation.threadId, from: person(replier), to: [organizer.email], cc: [SELF.email], subject: `Re: ${invitation.subject}`, sentMs,
        text: `${random.pick(['Works for me', 'Confirmed', 'See you there', 'Sounds good'])}, ${whenText(random, c.atMs, sentMs, replier)}.`, messageId: `${random.hex(20)}@${domainOf(replier)}`, references: [invitation.messageId],
      }),
    });
  }
  if (random.chance(0.4)) {
    const author = random.pick(c.people);
    const sentMs = Math.max(c.firstMs + HOUR, c.atMs - random.int(2, 72) * HOUR);
    const name = shortMeeting(random, c.title);
    const texts = [
      ...(hasEvent ? [`agenda for ${name} is in the invite: <${eventLink(eventId)}|${c.title}>`] : []),
      `Reminder: ${name} ${whenText(random, c.atMs, sentMs, author)}`,
      `are we still on for ${name} ${whenText(random, c.atMs, sentMs, author)}?`,
      `can you bring the numbers to ${name}? it's ${whenText(random, c.atMs, sentMs, author)}`,
      `confirmed ${name} for ${whenText(random, c.atMs, sentMs, author)}, thanks!`,
    ];
    const direct = random.chance(0.5);
    out.push({
      commitment: c.id, integration: 'slack', arrivalMs: sentMs, variant: 'slack-meeting',
      message: slackMessage({ channelId: direct ? `D${author.slackId.slice(1)}` : `C0${random.pick(PROJECTS).toUpperCase().slice(0, 5)}1`, channelName: direct ? author.slackName : random.pick(PROJECTS).toLowerCase(), isDirect: direct, author, text: `<@${SELF.slackId}> ${random.pick(texts)}`, sentMs }),
    });
  }
  return out;
}

/** The sources of a request: its email, a Slack nudge, a deadline on the calendar. */
export function requestSources(random: Random, c: Commitment): CorpusSource[] {
  const asker = c.people[0]!;
  const out: CorpusSource[] = [];
  const threadId = random.hex(16);
  const hasEmail = random.chance(0.9);
  if (hasEmail) {
    const deadline = random.pick([whenText(random, c.atMs, c.firstMs, asker), `end of day ${dayText(c.atMs, asker.zone, 'weekday')}`, dayText(c.atMs, asker.zone, 'long')]);
    const subject = random.pick([capital(c.title.replace(/^the /, '')), `Quick ask: ${c.title}`, `Need ${c.title} by ${dayText(c.atMs, asker.zone, 'weekday')}`, `${capital(shortRequest(random, c.title))}?`]);
    const ask = random.pick(['Could you send me', 'Can you share', 'Please send over', 'Would you mind sending me']);
    const text = `Hi Pat,\n\n${ask} ${c.title} by ${deadline}? ${random.pick(['We need it for the review.', 'Thanks in advance!', 'Let me know if anything is unclear.', ''])}\n\nBest,\n${asker.first}`;
    out.push({ commitment: c.id, integration: 'gmail', arrivalMs: c.firstMs, variant: 'request-email', message: gmailMessage({ id: threadId, threadId, from: person(asker), to: [SELF.email], cc: c.people.slice(1, 3).map((p) => p.email), subject, sentMs: c.firstMs, text, messageId: `${random.hex(20)}@${domainOf(asker)}` }) });
  }
  if (!hasEmail || random.chance(0.5)) {
    const author = hasEmail || random.chance(0.7) ? asker : random.pick(c.people);
    const sentMs = Math.min(c.atMs - HOUR, c.firstMs + random.int(2, 72) * HOUR);
    const short = shortRequest(random, c.title);
    const text = hasEmail && random.chance(0.5)
      ? `any news on ${short}? details in <${threadLink(threadId)}|my email>`
      : random.pick([`hey Pat, quick reminder about ${short}, need it by ${whenText(random, c.atMs, sentMs, author)}`, `could you send ${short} before ${whenText(random, c.atMs, sentMs, author)}?`, `still waiting on ${short} :sweat_smile: deadline is ${whenText(random, c.atMs, sentMs, author)}`]);
    const direct = random.chance(0.7);
    out.push({ commitment: c.id, integration: 'slack', arrivalMs: sentMs, variant: text.includes('mail.google.com') ? 'slack-linking-email' : 'slack-request', message: slackMessage({ channelId: direct ? `D${author.slackId.slice(1)}` : 'C0REQUESTS1', channelName: direct ? author.slackName : 'requests', isDirect: direct, author, text: `<@${SELF.slackId}> ${text}`, sentMs }) });
  }
  if (random.chance(0.15)) {
    const createdMs = c.firstMs + random.int(0, 24) * HOUR;
    out.push({
      commitment: c.id, integration: 'calendar', arrivalMs: createdMs, variant: 'deadline-event',
      event: calendarEvent({ id: random.base32(26), title: random.pick([`Deadline: ${c.title}`, `${capital(shortRequest(random, c.title))} due`]), description: `Send ${c.title} to ${asker.first}.`, startMs: c.atMs, endMs: c.atMs + 30 * MINUTE, zone: asker.zone, createdMs, organizer: { email: asker.email, displayName: `${asker.first} ${asker.last}` }, attendees: [] }),
    });
  }
  return out;
}
