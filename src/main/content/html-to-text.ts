/**
 * HTML mail to readable text, with everything a person would not see removed (and flagged), so
 * hidden instructions never reach a model. Built on htmlparser2's tokenizer with our own element
 * stack: htmlparser2's Parser shifts an array per tag, which is quadratic on deeply nested bombs.
 */
import { detectInjection } from '../items/injection';
import { Tokenizer } from 'htmlparser2';
import { childFrame, collectStyleText, rootFrame, type Frame, type PendingTag } from './html-frame';
import { BLOCK, HEAD_CONTENT, VOID, closeBeforeOpen, closeForEndTag, type WalkBudget } from './html-tree-rules';
import { hasWords, invisibleFlags, stripInvisible } from '../items/invisible-chars';
import { parseStyleSheet, type StyleSheet } from './style-sheet';
import { TextSink } from './text-sink';

/** Comment text scanned for instructions per message (comments can be megabytes of Outlook markup). */
const MAX_COMMENT_SCAN = 200_000;

/** Limits for `htmlToText`. */
export interface HtmlToTextOptions {
  /** Longest text returned (default 20,000 characters). */
  maxChars?: number;
  /** Deepest element nesting honoured; content below it is dropped and flagged (default 256). */
  maxDepth?: number;
}

/** Converted text, the `hidden-text:*` (and other) flags raised, and whether the text was cut. */
export interface HtmlText {
  text: string;
  flags: string[];
  truncated: boolean;
}

const MAX_INPUT = 10_000_000;
const MAX_STYLE_ATTR = 16 * 1024;
const MAX_CLASS_ATTR = 4096;
const MAX_OVERFLOW = 1_000_000;
const WANTED_ATTRS = new Set([
  'style', 'class', 'id', 'hidden', 'color', 'bgcolor', 'background', 'size', 'start',
  // SVG presentation attributes that can hide text.
  'width', 'height', 'display', 'visibility', 'opacity', 'font-size', 'fill', 'fill-opacity',
]);

class HtmlConverter {
  private readonly stack: Frame[] = [];
  private readonly overflow: string[] = [];
  private readonly flags = new Set<string>();
  private commentChars = 0;
  private readonly budget: WalkBudget = { steps: 20_000_000, open: new Map() };
  private readonly sink: TextSink;
  private readonly tokenizer: Tokenizer;
  private pending: PendingTag | null = null;
  private attrName: string | null = null;
  private attrValue = '';
  truncated = false;

  constructor(
    private readonly html: string,
    private readonly sheet: StyleSheet | null,
    maxChars: number,
    private readonly maxDepth: number,
  ) {
    this.sink = new TextSink(maxChars);
    this.stack.push(rootFrame(sheet));
    this.tokenizer = new Tokenizer({ decodeEntities: true }, this);
  }

  run(): HtmlText {
    this.tokenizer.write(this.html);
    if (this.tokenizer.running) this.tokenizer.end();
    return { text: this.sink.result(), flags: [...this.flags].sort(), truncated: this.truncated };
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  private stop(flag: string | null): void {
    if (flag) this.flags.add(flag);
    this.truncated = true;
    this.tokenizer.pause();
  }

  onopentagname(start: number, end: number): void {
    this.pending = { name: this.html.slice(start, end).toLowerCase(), attrs: new Map(), oversized: false };
  }

  onattribname(start: number, end: number): void {
    const name = this.html.slice(start, end).toLowerCase();
    // The first of duplicate attributes wins, as in browsers.
    this.attrName = this.pending && WANTED_ATTRS.has(name) && !this.pending.attrs.has(name) ? name : null;
    this.attrValue = '';
  }

  onattribdata(start: number, end: number): void {
    if (this.attrName) this.appendAttr(this.html.slice(start, end));
  }

  onattribentity(codepoint: number): void {
    if (this.attrName) this.appendAttr(String.fromCodePoint(codepoint));
  }

  private appendAttr(piece: string): void {
    const limit = this.attrName === 'class' ? MAX_CLASS_ATTR : MAX_STYLE_ATTR;
    if (this.attrValue.length + piece.length > limit) {
      // Padding a style or class past our limit must not smuggle a hiding rule past us: hide instead.
      if (this.attrName === 'style' || this.attrName === 'class') this.pending!.oversized = true;
      return;
    }
    this.attrValue += piece;
  }

  onattribend(): void {
    if (this.attrName && this.pending) this.pending.attrs.set(this.attrName, this.attrValue);
    this.attrName = null;
  }

  onopentagend(): void {
    this.openTag(false);
  }

  onselfclosingtag(): void {
    this.openTag(true);
  }

  onclosetag(start: number, end: number): void {
    this.closeTag(this.html.slice(start, end).toLowerCase());
  }

  ontext(start: number, end: number): void {
    this.text(this.html.slice(start, end));
  }

  ontextentity(codepoint: number): void {
    this.text(String.fromCodePoint(codepoint));
  }

  isInForeignContext(): boolean {
    return this.top().foreign;
  }

  /** Comments never reach the text; one that carries instructions marks the message as hostile. */
  oncomment(start: number, end: number): void {
    if (this.commentChars > MAX_COMMENT_SCAN) return;
    const comment = this.html.slice(start, end);
    this.commentChars += comment.length;
    if (detectInjection(comment).length > 0) this.flags.add('hidden-text:comment');
  }
  oncdata(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}

  private visible(frame: Frame): boolean {
    return frame.reason === null && !frame.drop && this.overflow.length === 0;
  }

  private popTo(index: number): void {
    while (this.stack.length > Math.max(1, index)) {
      const frame = this.stack.pop()!;
      this.budget.open.set(frame.tag, (this.budget.open.get(frame.tag) ?? 1) - 1);
      const kind = BLOCK[frame.tag];
      if (kind && this.visible(frame)) this.sink.lineBreak(kind);
    }
  }

  private closeHead(): void {
    const head = this.stack.findIndex((frame) => frame.tag === 'head');
    if (head > 0) this.popTo(head);
  }

  private openTag(selfClosing: boolean): void {
    const tag = this.pending;
    this.pending = null;
    if (!tag) return;
    if (this.overflow.length > 0) {
      if (!VOID.has(tag.name) && !selfClosing) this.overflow.push(tag.name);
      if (this.overflow.length > MAX_OVERFLOW) this.stop('malformed-html');
      return;
    }
    if ((this.budget.open.get('head') ?? 0) > 0 && !HEAD_CONTENT.has(tag.name)) this.closeHead();
    const cut = closeBeforeOpen(this.stack, tag.name, this.budget);
    if (cut < this.stack.length) this.popTo(cut);
    if (this.budget.steps <= 0) return this.stop('malformed-html');
    if (VOID.has(tag.name)) return this.voidElement(tag.name);
    if (this.stack.length > this.maxDepth) {
      this.overflow.push(tag.name);
      return;
    }
    const frame = childFrame(tag, this.stack, this.sheet);
    this.stack.push(frame);
    this.budget.open.set(frame.tag, (this.budget.open.get(frame.tag) ?? 0) + 1);
    if (this.visible(frame)) this.startBlock(frame);
    if (this.sink.full) this.stop(null);
    if (selfClosing && frame.foreign) this.popTo(this.stack.length - 1);
  }

  private voidElement(name: string): void {
    const top = this.top();
    if (!this.visible(top)) return;
    if (name === 'br') {
      this.sink.br();
    } else if (name === 'hr') this.sink.lineBreak(2);
  }

  private nearest(test: (frame: Frame) => boolean): Frame | null {
    for (let i = this.stack.length - 2, seen = 0; i > 0 && seen < 8; i--, seen++) {
      if (test(this.stack[i]!)) return this.stack[i]!;
    }
    return null;
  }

  private startBlock(frame: Frame): void {
    this.sink.quoteDepth = frame.quote;
    const kind = BLOCK[frame.tag];
    if (kind) this.sink.lineBreak(kind);
    if (frame.tag === 'li') {
      const list = this.nearest((f) => f.list !== null)?.list;
      this.sink.text(list?.ordered ? `${list.next++}. ` : '- ');
    } else if (frame.tag === 'td' || frame.tag === 'th') {
      const row = this.nearest((f) => f.tag === 'tr');
      if (row && row.cells++ > 0) this.sink.space();
    }
  }

  private closeTag(name: string): void {
    if (this.overflow.length > 0) {
      // Only a matching end tag leaves the too-deep region; anything else keeps it (hiding more, never less).
      if (this.overflow[this.overflow.length - 1] === name) this.overflow.pop();
      return;
    }
    if (VOID.has(name)) {
      if (name === 'br') this.voidElement('br');
      return;
    }
    const index = closeForEndTag(this.stack, name, this.budget);
    if (index > 0) this.popTo(index);
    else if (name === 'p' && this.visible(this.top())) this.sink.lineBreak(2);
    if (this.budget.steps <= 0) this.stop('malformed-html');
  }

  private text(raw: string): void {
    if (this.overflow.length > 0) {
      if (hasWords(raw)) this.flags.add('hidden-text:too-deep');
      return;
    }
    if (this.top().tag === 'head' && /\S/.test(raw)) this.closeHead();
    const top = this.top();
    if (top.drop) return;
    if (top.reason) {
      if (hasWords(raw)) this.flags.add(`hidden-text:${top.reason}`);
      return;
    }
    const stripped = stripInvisible(raw);
    for (const flag of invisibleFlags(stripped)) this.flags.add(flag);
    this.sink.quoteDepth = top.quote;
    if (top.pre) this.sink.pre(stripped.text);
    else this.sink.text(stripped.text);
    if (this.sink.full) this.stop(null);
  }
}

/** Converts HTML to readable text; hidden content is removed and reported as `hidden-text:<reason>` flags. */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): HtmlText {
  const maxChars = options.maxChars ?? 20_000;
  const input = html.length > MAX_INPUT ? html.slice(0, MAX_INPUT) : html;
  const styles = collectStyleText(input);
  // Hundreds of kilobytes of CSS hide their rules from any reasonable check: show nothing rather than guess.
  if (styles.oversized) return { text: '', flags: ['hidden-text:oversized-style'], truncated: true };
  const sheet = styles.css.trim() ? parseStyleSheet(styles.css) : null;
  const converter = new HtmlConverter(input, sheet, maxChars, options.maxDepth ?? 256);
  const result = converter.run();
  return { ...result, truncated: result.truncated || input !== html };
}
