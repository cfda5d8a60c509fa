import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlightsFor, markedSnippet, matchRanges } from '../../src/main/services/search/highlights';
import { foldWord, matchExpression, searchTerms } from '../../src/main/services/search/search-terms';

const marked = (text: string, query: string) => matchRanges(text, searchTerms(query)).map((range) => text.slice(range.start, range.end));

describe('search terms', () => {
  it('cuts words like unicode61, folds case and diacritics; the word being typed is a prefix', () => {
    expect(searchTerms('Café  Ångström')).toEqual([
      { text: 'cafe', prefix: false },
      { text: 'angstrom', prefix: true },
    ]);
    // A space or punctuation after the last word: it is complete.
    expect(searchTerms('budget ').at(-1)).toEqual({ text: 'budget', prefix: false });
    expect(searchTerms('budget?').at(-1)).toEqual({ text: 'budget', prefix: false });
    expect(foldWord('ZOË')).toBe('zoe');
    // Decomposed input folds the same way as precomposed.
    expect(foldWord('Cafe\u0301')).toBe('cafe');
  });

  it('earlier words are whole words, so one letter among them is not a prefix of everything', () => {
    expect(searchTerms('plan a trip')).toEqual([
      { text: 'plan', prefix: false },
      { text: 'a', prefix: false },
      { text: 'trip', prefix: true },
    ]);
    expect(searchTerms('budget r').at(-1)).toEqual({ text: 'r', prefix: true });
  });

  it('turns FTS syntax into plain quoted words', () => {
    expect(matchExpression(searchTerms('"budget" NEAR(review*, 2) OR (x'))).toBe('"budget" "near" "review" "2" "or" "x"*');
    expect(matchExpression(searchTerms('title:secret -foo ^bar'))).toBe('"title" "secret" "foo" "bar"*');
    expect(matchExpression(searchTerms('NEAR(a b)'))).toBe('"near" "a" "b"');
    expect(searchTerms('*** ((( """ ---')).toEqual([]);
    expect(searchTerms('a a A')).toHaveLength(1);
  });

  it('keeps at most 16 words', () => {
    expect(searchTerms(Array.from({ length: 40 }, (_, index) => `w${index}`).join(' '))).toHaveLength(16);
  });

  it('any text gives an expression FTS5 accepts', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE f USING fts5(a, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`);
    db.prepare('INSERT INTO f (a) VALUES (?)').run('near the budget review');
    const query = db.prepare('SELECT rowid FROM f WHERE f MATCH ?');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[ "*()^:+\-a-zNEARORNOT]{0,40}$/)), (text) => {
        const terms = searchTerms(text);
        if (terms.length > 0) query.all(matchExpression(terms));
      }),
      { numRuns: 500 },
    );
    db.close();
  });
});

describe('highlights', () => {
  it('marks whole words that match a term, as ranges into the text', () => {
    expect(marked('Review the Q3 budget with Zoë', 'budget zo')).toEqual(['budget', 'Zoë']);
    expect(marked('Review the Q3 budget with Zoë', 'bud zoe')).toEqual(['Zoë']);
    expect(marked('Budgeting, budgets and a BUDGET', 'budget')).toEqual(['Budgeting', 'budgets', 'BUDGET']);
    // "plan a trip": "a" is a whole word here, so "and" is not marked.
    expect(marked('plan a trip and a walk', 'plan a trip')).toEqual(['plan', 'a', 'trip', 'a']);
  });

  it('never returns markup: text that looks like HTML stays text and ranges point into it', () => {
    const title = '<img src=x onerror=alert(1)> budget';
    const highlights = highlightsFor({ title, description: '', tags: ['budget-2026', 'other'] }, null, searchTerms('budget'));
    expect(highlights.title).toEqual([{ start: title.indexOf('budget'), end: title.length }]);
    expect(highlights.tags).toEqual(['budget-2026']);
    expect(JSON.stringify(highlights)).not.toContain('<mark');
  });

  it('excerpts a long source text around the first match', () => {
    const text = `${'filler words here '.repeat(40)}please send the invoice today ${'more words '.repeat(40)}`;
    const snippet = markedSnippet(text, searchTerms('invoice'))!;
    expect(snippet.text.length).toBeLessThan(210);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.ranges.map((range) => snippet.text.slice(range.start, range.end))).toEqual(['invoice']);
    const source = highlightsFor({ title: 'x', description: '', tags: [] }, { sender: 'Dana', subject: 'Contract', text }, searchTerms('invoice')).source;
    expect(source).toMatchObject({ field: 'text' });
    expect(highlightsFor({ title: 'x', description: '', tags: [] }, { sender: 'Dana', subject: 'Contract', text }, searchTerms('contr')).source).toMatchObject({ field: 'subject', text: 'Contract' });
  });

  it('is linear on hostile text (no backtracking)', () => {
    const text = `${'a'.repeat(200_000)}!`;
    const started = performance.now();
    matchRanges(text, searchTerms('a'));
    markedSnippet(`${'é'.repeat(100_000)} x`, searchTerms('x'));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
