/**
 * Bytes to text in the charset a message declares, with Node's built-in ICU decoders (WHATWG
 * labels: big5, euc-kr, iso-8859-x, windows-125x, shift_jis, gb18030...). Unknown charsets fall
 * back to UTF-8 and say so, so the caller can flag the item.
 */
import { TextDecoder } from 'node:util';

const DECODERS = new Map<string, TextDecoder | null>();

// Common spellings mail software uses that the WHATWG label list lacks.
const ALIASES: Record<string, string> = {
  utf8: 'utf-8', 'utf-8': 'utf-8', latin1: 'iso-8859-1', latin2: 'iso-8859-2', 'iso8859-1': 'iso-8859-1', iso88591: 'iso-8859-1',
  'iso8859-15': 'iso-8859-15', cp1252: 'windows-1252', cp1251: 'windows-1251', cp1250: 'windows-1250', 'ks_c_5601-1987': 'euc-kr',
  ks_c_5601: 'euc-kr', 'x-sjis': 'shift_jis', sjis: 'shift_jis', 'big5-hkscs': 'big5', 'x-gbk': 'gbk', 'x-euc-jp': 'euc-jp',
  'ansi_x3.4-1968': 'windows-1252', 'us-ascii': 'windows-1252', ascii: 'windows-1252', 'x-mac-roman': 'macintosh',
};

function decoderFor(charset: string): TextDecoder | null {
  const label = charset.trim().toLowerCase().replace(/^["']|["']$/g, '').replace(/\*.*$/, '');
  const name = ALIASES[label] ?? label;
  if (DECODERS.has(name)) return DECODERS.get(name)!;
  let decoder: TextDecoder | null = null;
  try {
    // 'replacement' is the WHATWG decoder for dangerous labels (iso-2022-kr...): it eats the text, so refuse it.
    decoder = new TextDecoder(name, { fatal: false });
    if (decoder.encoding === 'replacement') decoder = null;
  } catch {
    decoder = null;
  }
  if (DECODERS.size < 200) DECODERS.set(name, decoder);
  return decoder;
}

// Bytes 0x80-0x9F of windows-1252 (what WHATWG uses for iso-8859-1 and us-ascii labels too).
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

// Node 20's TextDecoder decodes windows-1252 as plain Latin-1, losing curly quotes, dashes and the euro sign.
function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** Decodes bytes in `charset` (UTF-8 when absent); `known` is false when it fell back to UTF-8. */
export function decodeBytes(bytes: Uint8Array, charset: string | null | undefined): { text: string; known: boolean } {
  if (!charset || !charset.trim()) return { text: new TextDecoder('utf-8').decode(bytes), known: true };
  const decoder = decoderFor(charset);
  if (decoder?.encoding === 'windows-1252') return { text: decodeWindows1252(bytes), known: true };
  if (decoder) return { text: decoder.decode(bytes), known: true };
  return { text: new TextDecoder('utf-8').decode(bytes), known: false };
}

/** Parses a Content-Type (or Content-Disposition) value into its lower-cased type and parameters. */
export function parseContentType(value: string | null | undefined): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  const text = (value ?? '').slice(0, 4096);
  const semicolon = text.indexOf(';');
  const type = (semicolon === -1 ? text : text.slice(0, semicolon)).trim().toLowerCase();
  if (semicolon !== -1) {
    const rest = text.slice(semicolon + 1);
    for (const match of rest.matchAll(/(?<![^\s=;])([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"?|([^;]*))/g)) {
      const name = match[1]!.toLowerCase().replace(/\*$/, '');
      const raw = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '').trim();
      // RFC 2231 extended values look like utf-8''file%20name; only the charset matters to us here.
      const valueText = /^[\w-]*'[\w-]*'/.test(raw) && match[1]!.endsWith('*') ? decodeURIComponentSafe(raw.replace(/^[\w-]*'[\w-]*'/, '')) : raw;
      if (!params.has(name)) params.set(name, valueText);
    }
  }
  return { type, params };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
