/**
 * Text with the words a search matched wrapped in <mark>. The ranges come from main as numbers; the
 * text is rendered as text nodes, so nothing in it (or in the ranges) can become HTML.
 */
import type { TextRange } from '../../../shared/models';

/** `text` with `ranges` marked; plain text when there are none. */
export function Marked({ text, ranges }: { text: string; ranges: readonly TextRange[] | undefined }) {
  if (!ranges || ranges.length === 0) return <>{text}</>;
  const parts: Array<{ text: string; marked: boolean }> = [];
  let at = 0;
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    const start = Math.max(at, Math.min(range.start, text.length));
    const end = Math.max(start, Math.min(range.end, text.length));
    if (start > at) parts.push({ text: text.slice(at, start), marked: false });
    if (end > start) parts.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return (
    <>
      {parts.map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </>
  );
}
