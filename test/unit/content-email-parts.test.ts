import { describe, expect, it } from 'vitest';
import { bodyTextFromParts } from '../../src/main/content/body-text';
import { cleanEmailText } from '../../src/main/content/email-text';
import { splitEmailParts } from '../../src/main/content/email-parts';
import { cleanBody } from '../../src/main/ai/offline/text';

const lines = (...parts: string[]): string => parts.join('\n');

describe('splitEmailParts: the sender\'s new text only', () => {
  it('drops ">" quotes and everything below "On ... wrote:"', () => {
    const parts = splitEmailParts(lines('Done, see attached.', '', 'On Mon, 3 Mar 2025 at 09:12, Dana <dana@x.example> wrote:', '> Please send the numbers.'));
    expect(parts.own).toBe('Done, see attached.');
    expect(parts.quoted).toBe(true);
  });

  it('keeps an inline reply that follows an attribution when ">" quotes come further down', () => {
    const parts = splitEmailParts(lines('On Thu, 21 Aug 2025, Kim wrote:', '', 'What exactly do you mean by "inclusion"?', '', '> I am sure others have ideas.', '', 'Maybe we need a mentoring plan.'));
    expect(parts.own).toContain('What exactly do you mean');
    expect(parts.own).toContain('Maybe we need a mentoring plan.');
    expect(parts.own).not.toContain('others have ideas');
  });

  it('cuts at Outlook header blocks and -----Original Message-----', () => {
    expect(splitEmailParts(lines('Approved.', '', '-----Original Message-----', 'From: Carol', 'Sent: Monday', 'Can you approve?')).own).toBe('Approved.');
    const outlook = splitEmailParts(lines('Looks fine.', 'From: Sam Lee', 'Sent: Monday, March 3, 2025 9:14 AM', 'To: Dana', 'Subject: RE: budget', '', 'Can you sign it?'));
    expect(outlook.own).toBe('Looks fine.');
  });

  it('cuts at a Lotus Notes header block (name, date, To:, cc:, Subject:)', () => {
    const parts = splitEmailParts(
      lines('I agree with the plan.', '', '\tJane Doe@NORTHWIND', '\t12/13/2000 04:03 PM', '\t\t', '\t\t To: Sam Lee/NORTHWIND@NORTHWIND', '\t\t cc: ', '\t\t Subject: Plan', '', 'Please review the plan by Friday.'),
    );
    expect(parts.own).toBe('I agree with the plan.');
    expect(parts.quoted).toBe(true);
  });

  it('separates forwarded parts (standard and Lotus markers) from the sender\'s words', () => {
    const standard = splitEmailParts(lines('FYI', '', '---------- Forwarded message ---------', 'From: Vendor <v@x.example>', 'Subject: Renewal', '', 'Please sign the renewal.'));
    expect(standard.own).toBe('FYI');
    expect(standard.forwarded).toEqual(['Please sign the renewal.']);
    const lotus = splitEmailParts(lines('Can you handle this?', '---------------------- Forwarded by Jane Doe/HOU/NW on 10/12/2000 03:04 PM ---------------------------', '', 'The meter reading is wrong.'));
    expect(lotus.own).toBe('Can you handle this?');
    expect(lotus.forwarded.join(' ')).toContain('The meter reading is wrong.');
  });

  it('drops signatures, "Thanks, Sam" sign-offs, disclaimers and mailing-list footers', () => {
    const parts = splitEmailParts(
      lines('Could you rerun the job?', '', 'Thanks, Sam', 'Sam Lee | Ops', '_______________________________________________', 'ops mailing list', 'ops@lists.example.org'),
    );
    expect(parts.own).toBe('Could you rerun the job?');
    expect(parts.signature).toBe(true);
    expect(splitEmailParts(lines('Ship it.', '', 'CONFIDENTIALITY NOTICE: this email is for the named recipient.')).own).toBe('Ship it.');
  });

  it('leaves nothing as new text when the message is only a quote (the item text keeps the quote, marked)', () => {
    const body = lines('> Please send the numbers.', '> Thanks');
    expect(splitEmailParts(body).own).toBe('');
    const cleaned = cleanEmailText(body).text;
    expect(cleaned).toBe('> Please send the numbers.\n> Thanks');
    // Re-reading the item text (what the engines do) still finds no new text.
    expect(splitEmailParts(cleaned).own).toBe('');
  });

  it('removes quotes in HTML mail (blockquote) like plain-text ones', () => {
    const body = bodyTextFromParts({
      plain: null,
      html: '<div>Sounds good, thanks.</div><div class="gmail_quote">On Mon, Dana wrote:<blockquote class="gmail_quote">Could you send the deck by Friday?</blockquote></div>',
    });
    expect(body.text).toContain('Sounds good, thanks.');
    expect(cleanBody(body.text).sentences).toEqual(['Sounds good, thanks.']);
  });

  it('reads only a bounded prefix of a huge body', { timeout: 5_000 }, () => {
    const parts = splitEmailParts(`Please review.\n${'> q\n'.repeat(200_000)}\nTail that is never reached.`);
    expect(parts.own).toBe('Please review.');
  });
});
