/**
 * Characters a person never sees but a model still reads: zero-width and bidi controls, the soft
 * hyphen, Unicode "tag" characters (used to smuggle ASCII past reviewers) and control codes.
 */

// U+200B-U+200F zero-width and marks, U+202A-U+202E bidi embeddings/overrides, U+2060-U+2064 word
// joiner and invisible operators, U+2066-U+2069 bidi isolates, U+FEFF BOM, U+00AD soft hyphen,
// plus U+061C (Arabic letter mark), U+180E and U+206A-U+206F (deprecated format characters).
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
// Unicode tag characters mirror ASCII invisibly; nothing legitimate in mail uses them.
const UNICODE_TAGS = /[\u{e0000}-\u{e007f}]/gu;
// C0 and C1 control codes except tab, line feed and carriage return (NUL bytes among them).
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// Right-to-left/left-to-right overrides reorder what a person sees (the "Trojan Source" trick).
const BIDI_OVERRIDES = /[\u202d\u202e]/;

/** Result of removing invisible characters, with what kind of hiding was found. */
export interface StrippedText {
  text: string;
  /** Unicode tag characters were present (hidden ASCII). */
  unicodeTags: boolean;
  /** Bidi override characters were present. */
  bidiOverride: boolean;
}

/** Removes zero-width, bidi, tag and control characters; reports the hostile kinds it found. */
export function stripInvisible(text: string): StrippedText {
  const bidiOverride = BIDI_OVERRIDES.test(text);
  let unicodeTags = false;
  let out = text.replace(INVISIBLE, '').replace(CONTROLS, '');
  // Tag characters are astral (surrogate pairs), so test cheaply for a high surrogate first.
  if (out.includes('\udb40')) {
    const before = out.length;
    out = out.replace(UNICODE_TAGS, '');
    unicodeTags = out.length !== before;
  }
  return { text: out, unicodeTags, bidiOverride };
}

/** Flags for the hostile invisible characters `stripInvisible` reported. */
export function invisibleFlags(stripped: StrippedText): string[] {
  const flags: string[] = [];
  if (stripped.unicodeTags) flags.push('hidden-text:unicode-tags');
  if (stripped.bidiOverride) flags.push('bidi-override');
  return flags;
}

/** True when the text contains a letter or digit, i.e. hiding it could hide a message. */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
