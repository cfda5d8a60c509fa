import { describe, expect, it } from 'vitest';
import { cleanBody, isCourtesy, splitSentences, stripGreeting } from '../../src/main/ai/offline/text';

describe('offline engine: sentence splitting', () => {
  it('splits on . ! ? and keeps abbreviations, initials and times together', () => {
    expect(splitSentences('Dr. Lee will join at 3 p.m. on Friday. Can you book a room? Thanks!')).toEqual([
      'Dr. Lee will join at 3 p.m. on Friday.',
      'Can you book a room?',
      'Thanks!',
    ]);
    expect(splitSentences('See e.g. the U.S. report. Then J. Smith signs it.')).toEqual(['See e.g. the U.S. report.', 'Then J. Smith signs it.']);
  });

  it('does not split inside numbers, versions or ellipses', () => {
    expect(splitSentences('Version 2.5 costs $1,250.00... we pay on 3.14 terms.')).toEqual(['Version 2.5 costs $1,250.00... we pay on 3.14 terms.']);
  });

  it('drops fragments without letters or digits', () => {
    expect(splitSentences('-- . !!')).toEqual([]);
  });
});

describe('offline engine: greetings and courtesies', () => {
  it('strips a greeting that ends in punctuation, keeps the request', () => {
    expect(stripGreeting('Hi Dana, could you review the deck?')).toBe('could you review the deck?');
    expect(stripGreeting('Good morning team: the build is green.')).toBe('the build is green.');
    expect(stripGreeting('Hey can you call me?')).toBe('Hey can you call me?');
    expect(stripGreeting('Hi Dana,')).toBe('');
    expect(stripGreeting('Hope you are well.')).toBe('');
  });

  it('recognises thanks, sign-offs and social formulas but not polite requests', () => {
    for (const s of ['Thanks!', 'Thank you so much, that is perfect.', 'Best, Sam', 'Congrats on the launch!', 'Please join me in welcoming Maria!']) {
      expect(isCourtesy(s), s).toBe(true);
    }
    for (const s of ['Thanks, could you also send the invoice?', 'Great, please send me the draft.', 'Hey call me when you land.']) {
      expect(isCourtesy(s), s).toBe(false);
    }
  });
});

describe('offline engine: body cleaning', () => {
  it('drops greeting, sign-off and signature block', () => {
    const body = 'Hi Dana,\n\nCould you please review the Q4 proposal by Friday?\n\nThanks,\nSam\n\nSam Lee | Head of Sales\n+1 555 0100';
    expect(cleanBody(body).sentences).toEqual(['Could you please review the Q4 proposal by Friday?']);
  });

  it('cuts at "-- " signature delimiters and "Sent from my" lines', () => {
    expect(cleanBody('Please sign the NDA.\n-- \nMark\nLegal').sentences).toEqual(['Please sign the NDA.']);
    expect(cleanBody('Ok, on my way.\nSent from my iPhone').sentences).toEqual(['Ok, on my way.']);
  });

  it('removes quoted replies: > lines and everything after "On ... wrote:", even wrapped', () => {
    const body = 'Thanks, will do!\n\nOn Mon, Mar 3, 2025 at 9:12 AM Dana Whitfield <dana@x.example>\nwrote:\n> Could you send me the slides?';
    const cleaned = cleanBody(body);
    expect(cleaned.sentences).toEqual(['Thanks, will do!']);
    expect(cleaned.hadQuote).toBe(true);
    expect(cleanBody('Looks good.\n> can you fix the typo?\nAlso the header.').sentences).toEqual(['Looks good.', 'Also the header.']);
  });

  it('cuts forwarded and Outlook-style quoted messages', () => {
    expect(cleanBody('FYI, see below.\n\n---------- Forwarded message ---------\nFrom: X\nPlease pay now.').sentences).toEqual(['FYI, see below.']);
    const forward = cleanBody('FYI, see below.\n\n---------- Forwarded message ---------\nFrom: X\nPlease pay now.');
    expect(forward.forwarded).toEqual(['Please pay now.']);
    expect(cleanBody('Done.\n\nFrom: Sam Lee\nSent: Monday\nTo: Dana\nSubject: RE: figures\nCan you check?').sentences).toEqual(['Done.']);
  });

  it('drops footer paragraphs and reports them', () => {
    const body = 'New arrivals are here.\n\nYou are receiving this because you subscribed. Unsubscribe | Manage preferences';
    const cleaned = cleanBody(body);
    expect(cleaned.sentences).toEqual(['New arrivals are here.']);
    expect(cleaned.hasFooter).toBe(true);
  });

  it('keeps a request in the middle of a multi-paragraph mail and list items as sentences', () => {
    const body = 'Update: laptops ship Tuesday.\n\nCould you confirm the renewal by March 14?\n\nNotes:\n- Launch moved\n- Dana: update the doc\n\nRegards,\nMarcus';
    expect(cleanBody(body).sentences).toEqual([
      'Update: laptops ship Tuesday.',
      'Could you confirm the renewal by March 14?',
      'Notes:',
      'Launch moved',
      'Dana: update the doc',
    ]);
  });

  it('removes zero-width characters and tolerates CRLF and empty bodies', () => {
    expect(cleanBody('Please\u200b review\r\nthe plan.').sentences).toEqual(['Please review the plan.']);
    expect(cleanBody('').sentences).toEqual([]);
  });
});
