/** A provider's logo: the brand mark from simple-icons where one exists, a neutral drawing otherwise. */
import { siGmail, siGoogle, siGooglecalendar, siGoogletasks } from 'simple-icons';
import type { ProviderType } from '../../../shared/models';
import { isShownProvider, type ShownProvider } from '../lib/format';

/** How an icon is drawn. */
export type IconSpec = { kind: 'fill'; path: string; color: string } | { kind: 'stroke'; path: string; color: string };

const ENVELOPE = 'M3 6h18v12H3z M3 6l9 7 9-7';
const CALENDAR = 'M4 5h16v15H4z M4 10h16 M8 3v4 M16 3v4';
const CHAT = 'M4 4h16v12H9l-5 4z M8 9h8 M8 12h5';

// simple-icons no longer ships Slack's mark (removed at the brand owner's request), so Slack gets a
// neutral chat bubble in its brand colour.
const ICONS: Record<ShownProvider, IconSpec> = {
  gmail: { kind: 'fill', path: siGmail.path, color: `#${siGmail.hex}` },
  google_calendar: { kind: 'fill', path: siGooglecalendar.path, color: `#${siGooglecalendar.hex}` },
  google_tasks: { kind: 'fill', path: siGoogletasks.path, color: `#${siGoogletasks.hex}` },
  slack: { kind: 'stroke', path: CHAT, color: '#4A154B' },
  mail_files: { kind: 'stroke', path: ENVELOPE, color: '#5d6470' },
  calendar_files: { kind: 'stroke', path: CALENDAR, color: '#5d6470' },
};

/** Google's own mark, for the Google account card. */
export const GOOGLE_ICON: IconSpec = { kind: 'fill', path: siGoogle.path, color: `#${siGoogle.hex}` };

/** The icon, decorative (the label next to it names the provider). */
export function ProviderIcon({ provider, size = 20 }: { provider: ProviderType | 'google'; size?: number }) {
  const icon = provider === 'google' ? GOOGLE_ICON : isShownProvider(provider) ? ICONS[provider] : ICONS.mail_files;
  return (
    <span className="provider-icon" aria-hidden="true">
      <svg viewBox="0 0 24 24" width={size} height={size} focusable="false">
        {icon.kind === 'fill' ? (
          <path d={icon.path} fill={icon.color} />
        ) : (
          <path d={icon.path} fill="none" stroke={icon.color} strokeWidth={2} strokeLinejoin="round" strokeLinecap="round" />
        )}
      </svg>
    </span>
  );
}
