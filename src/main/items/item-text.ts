/** The untrusted text of an item, in one place, for the screening rules that read all of it. */
import type { ProviderItem } from './provider-item';

/** Every untrusted string of an item (names, subject, body, thread context), newline-joined. */
export function untrustedText(item: ProviderItem): string {
  switch (item.type) {
    case 'email':
      return [item.from.name, item.subject, item.snippet, item.bodyText, ...item.to.map((p) => p.name), ...item.cc.map((p) => p.name)].filter(Boolean).join('\n');
    case 'calendar_event':
      return [item.title, item.description, item.location, item.organizer?.name, ...item.attendees.map((a) => a.name)].filter(Boolean).join('\n');
    case 'slack_message':
      return [item.author.name, item.channelName, item.text, ...item.threadContext.map((m) => `${m.author}: ${m.text}`)].join('\n');
  }
}
