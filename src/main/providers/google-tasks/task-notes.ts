/**
 * The notes of a task the app puts in Google Tasks: the description, a link back to the source, and
 * a marker line `[pt:<ref>]` naming the push. The marker is how a push that may have happened before a
 * crash is found again (Google Tasks has no client-chosen ids or custom fields), and how a pull tells
 * the person's description from the app's footer. Notes come back from Google edited by the person:
 * untrusted text, read line by line within Google's 8,192-character limit.
 */

/** Google's limit on notes. */
export const MAX_NOTES = 8192;
/** Google's limit on titles. */
export const MAX_TITLE = 1024;
const MARKER_LINE = /^\[pt:([A-Za-z0-9_-]{6,40})\]$/;
const SOURCE_PREFIX = 'Source: ';

/** Builds the notes: description, then the link back, then the marker. */
export function composeNotes(description: string, link: string | null, marker: string): string {
  const footer = `${link ? `\n\n${SOURCE_PREFIX}${link}` : ''}\n[pt:${marker}]`;
  const room = MAX_NOTES - footer.length;
  const body = description.trim();
  return `${body.length > room ? `${body.slice(0, Math.max(0, room - 1))}…` : body}${footer}`;
}

/** The marker of a push in notes, or null. */
export function markerOf(notes: string): string | null {
  const lines = notes.slice(0, MAX_NOTES).split('\n');
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const match = MARKER_LINE.exec(lines[index]!.trim());
    if (match) return match[1]!;
  }
  return null;
}

/** The person's description in notes: everything before the app's footer (source line and marker). */
export function descriptionOf(notes: string): string {
  const lines = notes.slice(0, MAX_NOTES).split('\n');
  while (lines.length > 0) {
    const last = lines[lines.length - 1]!.trim();
    if (last === '' || MARKER_LINE.test(last) || last.startsWith(SOURCE_PREFIX)) lines.pop();
    else break;
  }
  return lines.join('\n').trim();
}
