/**
 * Collects converted text the way a browser lays it out: whitespace collapses, blocks start new
 * lines, quoted blocks get "> " markers, and the total length is capped.
 */

/** Where converted text goes; stops accepting text once `max` characters are written. */
export class TextSink {
  private readonly parts: string[] = [];
  private length = 0;
  private pendingBreaks = 0;
  private pendingSpace = false;
  private atLineStart = true;
  private started = false;
  /** The cap was reached: later text is dropped. */
  full = false;
  /** Blockquote nesting of the text being written; lines inside start with one ">" per level. */
  quoteDepth = 0;

  constructor(private readonly max: number) {}

  /** Flowing text: runs of whitespace (including no-break spaces) become one space. */
  text(chunk: string): void {
    if (this.full) return;
    for (const match of chunk.matchAll(/(\s+)|(\S+)/g)) {
      if (match[1] !== undefined) this.pendingSpace = true;
      else this.emit(match[2]!);
      if (this.full) return;
    }
  }

  /** Preformatted text: spaces and line breaks are kept. */
  pre(chunk: string): void {
    const lines = chunk.replace(/\r\n?/g, '\n').split('\n');
    lines.forEach((line, index) => {
      if (index > 0) this.hardBreak();
      if (line !== '') this.emit(line.replace(/\u00a0/g, ' '), true);
    });
  }

  /** Asks for a line break (1) or a blank line (2) before the next text. */
  lineBreak(kind: 1 | 2): void {
    if (!this.started) return;
    this.pendingBreaks = Math.max(this.pendingBreaks, kind);
    this.pendingSpace = false;
  }

  /** A <br>: each one adds a line break, up to one blank line. */
  br(): void {
    if (!this.started) return;
    this.pendingBreaks = Math.min(this.pendingBreaks + 1, 2);
    this.pendingSpace = false;
  }

  /** Asks for a space before the next text (between table cells). */
  space(): void {
    this.pendingSpace = true;
  }

  // A break inside <pre> is kept even when lines are empty.
  private hardBreak(): void {
    if (!this.started) {
      this.started = true;
    }
    this.pendingBreaks += 1;
    this.pendingSpace = false;
  }

  private emit(chunk: string, raw = false): void {
    if (this.full) return;
    let prefix = '';
    if (this.pendingBreaks > 0 && this.started) {
      prefix = '\n'.repeat(Math.min(this.pendingBreaks, raw ? 50 : 2));
      this.atLineStart = true;
    } else if (this.pendingSpace && !this.atLineStart) {
      prefix = ' ';
    }
    if (this.atLineStart && this.quoteDepth > 0) prefix += `${'>'.repeat(Math.min(this.quoteDepth, 20))} `;
    this.pendingBreaks = 0;
    this.pendingSpace = false;
    this.atLineStart = false;
    this.started = true;
    this.push(prefix + chunk);
  }

  private push(piece: string): void {
    const room = this.max - this.length;
    if (piece.length > room) {
      this.parts.push(piece.slice(0, Math.max(0, room)));
      this.length = this.max;
      this.full = true;
      return;
    }
    this.parts.push(piece);
    this.length += piece.length;
  }

  /** The text written so far, with trailing spaces trimmed per line and blank runs limited. */
  result(): string {
    return this.parts
      .join('')
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}
