import { describe, expect, it } from 'vitest';
import { detectSensitive } from '../../src/main/items/sensitive';
import { benignTexts } from '../fixtures/llm/injection-corpus';

describe('detectSensitive', () => {
  it.each([
    ['Please wire the outstanding $48,500 to the new account IBAN DE89 3704 0044 0532 0130 00 today.', 'sensitive:payment'],
    ['Our bank details have changed: please use the new remittance instructions for the next invoice.', 'sensitive:payment'],
    ['Can you process the overdue invoice before noon?', 'sensitive:payment'],
    ['Could you send me the login details for the staging server?', 'sensitive:credentials'],
    ['Reply with the 6-digit verification code we just sent you.', 'sensitive:credentials'],
    ['I need you to buy five Apple gift cards for a client, scratch off the back and send me photos.', 'sensitive:gift-card'],
    ['Please send the Q3 payroll export to an outside address by Friday.', 'sensitive:data-export'],
    ['Forward the customer database to my personal email tonight.', 'sensitive:data-export'],
    ['Send me all employee W-2 forms as PDFs.', 'sensitive:data-export'],
  ])('flags %s', (text, flag) => {
    expect(detectSensitive(text)).toContain(flag);
  });

  it('raises nothing on ordinary requests', () => {
    for (const text of [
      'Could you please review the Q4 proposal and send me your comments by Friday?',
      'Please book a room for the workshop next Tuesday.',
      'The wired headphones arrived; can you check they work?',
      'Can you update the staff rota for March?',
      'Please pay attention to the new parking rules.',
      // The injection corpus's ordinary mail, less its password reset (a credentials request, rightly held).
      ...benignTexts.filter((text) => !/password/i.test(text)),
    ]) {
      expect(detectSensitive(text), text).toEqual([]);
    }
  });

  it('reads through invisible characters and look-alike letters', () => {
    expect(detectSensitive('Please w\u200Bire the money to IB\u200CAN below')).toContain('sensitive:payment');
    expect(detectSensitive('ｇｉｆｔ ｃａｒｄｓ please')).toContain('sensitive:gift-card');
  });
});
