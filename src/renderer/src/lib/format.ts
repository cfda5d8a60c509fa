/** Small formatting helpers shared by the screens: provider names, relative and absolute times, percentages. */
import type { ProviderType } from '../../../shared/models';

/** The providers the app has (the seed's ProviderType also names Notion, which has no provider, so the UI never shows it). */
export type ShownProvider = Exclude<ProviderType, 'notion'>;

const PROVIDER_LABELS: Record<ShownProvider, string> = {
  gmail: 'Gmail',
  google_calendar: 'Google Calendar',
  google_tasks: 'Google Tasks',
  slack: 'Slack',
  mail_files: 'Mail files',
  calendar_files: 'Calendar files',
};

/** True for a provider the app has. */
export function isShownProvider(provider: ProviderType): provider is ShownProvider {
  return Object.hasOwn(PROVIDER_LABELS, provider);
}

/** A provider's display name. */
export function providerLabel(provider: ProviderType): string {
  return isShownProvider(provider) ? PROVIDER_LABELS[provider] : provider;
}

/** What "Open in …" says for a provider's link. */
export function openInLabel(provider: ProviderType): string {
  if (provider === 'google_calendar' || provider === 'calendar_files') return 'Open in Calendar';
  if (provider === 'mail_files') return 'Open source';
  return `Open in ${providerLabel(provider)}`;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600 * 1000],
  ['month', 30 * 24 * 3600 * 1000],
  ['week', 7 * 24 * 3600 * 1000],
  ['day', 24 * 3600 * 1000],
  ['hour', 3600 * 1000],
  ['minute', 60 * 1000],
];
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "3 minutes ago", "in 2 hours", "just now"; empty for null. */
export function relativeTime(iso: string | null, now: number = Date.now()): string {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const diff = then - now;
  if (Math.abs(diff) < 45_000) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size || unit === 'minute') return relativeFormat.format(Math.round(diff / size), unit);
  }
  return '';
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A date and time in the person's locale; empty for null or unparseable values. */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : dateTimeFormat.format(time);
}

/** A date in the person's locale. */
export function formatDate(iso: string | null): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : dateFormat.format(time);
}

/** 0.873 -> "87%". */
export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** 1234 -> "1,234". */
export function count(value: number): string {
  return value.toLocaleString();
}

/** Milliseconds as "850 ms", "12.3 s", "2 min 5 s". */
export function duration(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Sentences for the flags that ask the person to be careful (sensitive requests) or explain a hold. */
const FLAG_SENTENCES: Record<string, string> = {
  'sensitive:payment': 'Asks to pay or move money: confirm with the sender another way before acting',
  'sensitive:credentials': 'Asks for a password, code or sign-in: never send these by mail or chat',
  'sensitive:gift-card': 'Asks for gift cards: a common scam, check with the sender another way',
  'sensitive:data-export': 'Asks to send data outside: check who will receive it before acting',
  'held:unknown-sender': 'First request from this sender: you have not written to them or approved one of theirs',
};

/** True for a flag that marks a sensitive request (shown as a stronger badge, first). */
export function isSensitiveFlag(flag: string): boolean {
  return flag.startsWith('sensitive:');
}

/** Flags in the order they are shown: sensitive requests first. */
export function orderedFlags(flags: readonly string[]): string[] {
  return [...flags.filter(isSensitiveFlag), ...flags.filter((flag) => !isSensitiveFlag(flag))];
}

/** Engine warnings as a sentence; any flag keeps a suggestion out of auto-approval. */
export function flagLabel(flag: string): string {
  const sentence = FLAG_SENTENCES[flag];
  if (sentence) return `${sentence} — not auto-approved`;
  const lower = flag.toLowerCase();
  let text: string;
  if (lower.includes('hidden')) text = 'hidden text found';
  else if (lower.startsWith('injection')) text = 'instructions aimed at the assistant found';
  else if (lower.includes('delimiter')) text = 'fake delimiters found';
  else text = flag.replace(/[:_-]+/g, ' ').trim();
  return `${text} — not auto-approved`;
}
