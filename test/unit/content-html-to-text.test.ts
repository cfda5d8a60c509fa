import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/main/content/html-to-text';

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

describe('htmlToText layout', () => {
  it('keeps paragraphs, line breaks, list items and link text, and decodes entities', () => {
    const { text, flags } = htmlToText(
      '<h1>Title</h1><p>Hello&nbsp;<b>world</b> &amp; friends</p><p>line one<br>line two</p>' +
        '<ul><li>first<li>second</ul><ol start="3"><li>third</li><li>fourth</li></ol><p>See <a href="https://x.example">the report</a>.</p>',
    );
    expect(text).toBe('Title\n\nHello world & friends\n\nline one\nline two\n\n- first\n- second\n\n3. third\n4. fourth\n\nSee the report.');
    expect(flags).toEqual([]);
  });

  it('lays tables out as rows and cells', () => {
    expect(htmlToText('<table><tr><td>Item</td><td>Qty</td></tr><tr><td>Pens<td>3</table>').text).toBe('Item Qty\nPens 3');
  });

  it('marks blockquotes as quoted lines so replies can be trimmed', () => {
    expect(htmlToText('<p>Sure.</p><blockquote>old<br>text</blockquote>').text).toBe('Sure.\n\n> old\n> text');
  });

  it('keeps preformatted whitespace', () => {
    expect(htmlToText('<pre>a  b\n  c</pre>').text).toBe('a  b\n  c');
  });

  it('ends an unclosed head at the first body element', () => {
    expect(htmlToText('<html><head><title>t</title><meta charset="utf-8"><p>Body</p>').text).toBe('Body');
  });

  it('removes zero-width, bidi and control characters, flagging overrides', () => {
    const result = htmlToText('<p>in\u200bvoice\u00ad due\u202e now\u0000</p>');
    expect(result.text).toBe('invoice due now');
    expect(result.flags).toEqual(['bidi-override']);
  });

  it('does not hide light text on a dark background set by a class it cannot place', () => {
    const html = '<style>.dark td { background: #111 }</style><table class="dark"><tr><td><span style="color:#fff">Visible</span></td></tr></table>';
    expect(htmlToText(html).text).toBe('Visible');
  });

  it('ignores hover rules and mobile-only media queries', () => {
    const html = '<style>a:hover{display:none} @media (max-width:600px){.desk{display:none}}</style><a href="#">Link</a><p class="desk">Desktop</p>';
    expect(htmlToText(html)).toMatchObject({ text: 'Link\n\nDesktop', flags: [] });
  });

  it('caps the output and says so', () => {
    const result = htmlToText(`<p>${'word '.repeat(10_000)}</p>`, { maxChars: 100 });
    expect(result.text.length).toBeLessThanOrEqual(100);
    expect(result.truncated).toBe(true);
  });
});

describe('htmlToText on HTML bombs', () => {
  const bombs: Array<[string, () => string]> = [
    ['100k nested divs', () => `${'<div>'.repeat(100_000)}deep${'</div>'.repeat(100_000)}`],
    ['100k unclosed nested spans', () => `${'<span>'.repeat(100_000)}x`],
    ['10 MB of tags', () => '<b>a</b><i></i>'.repeat(700_000)],
    ['giant attribute list', () => `<div ${Array.from({ length: 200_000 }, (_, i) => `data-a${i}="v"`).join(' ')}>x</div>`],
    ['one 5 MB attribute value', () => `<div title="${'x'.repeat(5_000_000)}">x</div>`],
    ['100k list items', () => '<li>'.repeat(100_000)],
    ['end tags that walk the stack', () => `<span>${'<div>'.repeat(200)}${'<b>'.repeat(50)}${'</span>'.repeat(500_000)}`],
    ['100k table cells', () => `<table>${'<td>x'.repeat(100_000)}`],
    ['a selector bomb', () => `<style>${'div div div div div div span { color: red }\n'.repeat(3000)}</style>${'<div>'.repeat(250)}${'<span>x</span>'.repeat(2000)}`],
    ['unterminated comments', () => '<!--'.repeat(1_000_000)],
    ['10 MB of text', () => 'word '.repeat(2_000_000)],
  ];
  it.each(bombs)('%s: finishes in linear time with bounded output', (_name, build) => {
    const html = build();
    const { value, ms } = timed(() => htmlToText(html));
    expect(value.text.length).toBeLessThanOrEqual(20_000);
    expect(ms).toBeLessThan(5_000);
  });
});

// Well-formed random fragments (no raw-text elements, which make the rest of a document literal text).
const TAGS = ['div', 'span', 'p', 'b', 'i', 'a', 'table', 'tr', 'td', 'ul', 'li', 'font', 'blockquote', 'h2', 'center'];
const STYLES = ['', 'color:#333', 'color:#fff', 'background:#000', 'font-size:0', 'font-size:14px', 'display:block', 'visibility:visible', 'opacity:1'];
const node = fc.letrec<{ tree: string; text: string }>((tie) => ({
  text: fc.stringMatching(/^[A-Za-z ,.]{0,12}$/),
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('text'),
    fc
      .tuple(fc.constantFrom(...TAGS), fc.constantFrom(...STYLES), fc.array(tie('tree'), { maxLength: 4 }))
      .map(([tag, style, children]) => `<${tag}${style ? ` style="${style}"` : ''}>${children.join('')}</${tag}>`),
  ),
})).tree;

describe('htmlToText properties', () => {
  it('never throws and stays within the cap on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.integer({ min: 1, max: 500 }), (html, maxChars) => {
        const result = htmlToText(html, { maxChars });
        expect(result.text.length).toBeLessThanOrEqual(maxChars);
        // Flags are a sorted set of known kinds, never text taken from the input.
        expect(result.flags).toEqual([...new Set(result.flags)].sort());
        for (const flag of result.flags) expect(flag).toMatch(/^[a-z-]+(?::[a-z-]+)?$/);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on tag soup', () => {
    const soup = fc.array(fc.constantFrom('<div>', '</div>', '<p>', '</p>', '<li>', '<td>', '<table>', '</table>', '<span style="display:none">', '</span>', 'text', '&amp;', '<br>', '<!--', '-->', '<style>', '</style>', '<', '>', '"', '<svg/>', '<head>', '<b>'), { maxLength: 200 });
    fc.assert(
      fc.property(soup, (parts) => {
        const { value, ms } = timed(() => htmlToText(parts.join('')));
        expect(value.text.length).toBeLessThanOrEqual(20_000);
        expect(ms).toBeLessThan(1_000);
      }),
      { numRuns: 300 },
    );
  });

  it('never shows text placed inside a display:none element, wherever it sits', () => {
    const MARKER = 'ZQXMARKERQZX';
    fc.assert(
      fc.property(fc.array(node, { maxLength: 5 }), fc.array(node, { maxLength: 5 }), fc.constantFrom('span', 'div', 'p', 'td', 'li', 'font'), (before, after, tag) => {
        const hidden = `<${tag} style="display:none">${MARKER} <b>${MARKER}</b> <span style="display:block">${MARKER}</span></${tag}>`;
        const result = htmlToText(`${before.join('')}${hidden}${after.join('')}`);
        expect(result.text).not.toContain(MARKER);
        expect(result.flags).toContain('hidden-text:display-none');
      }),
      { numRuns: 300 },
    );
  });
});
