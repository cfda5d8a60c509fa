/** The guided set-up's client ID check: real shapes pass, the usual slips get their own sentence. */
import { describe, expect, it } from 'vitest';
import { checkClientIdShape } from '../../src/renderer/src/lib/client-id-shape';

const GOOGLE = '734847560550-naskt5g4hv0pgkqf7609chjfko97j8g8.apps.googleusercontent.com';

describe('client ID shape', () => {
  it('accepts Google Desktop-app and Slack client IDs as they are published', () => {
    expect(checkClientIdShape('google', GOOGLE)).toEqual({ ok: true, value: GOOGLE, message: 'Looks right.' });
    expect(checkClientIdShape('google', `  ${GOOGLE}\n`)).toMatchObject({ ok: true, value: GOOGLE });
    for (const id of ['5200166808.540275786487', '1601185624273.8899143856786', '123456789012.1234567890123']) expect(checkClientIdShape('slack', id)).toMatchObject({ ok: true, value: id });
  });

  it('leaves out the invisible direction marks a web page copies along, and says so', () => {
    // A real paste: U+202A and U+202C around a Slack client ID.
    expect(checkClientIdShape('slack', '\u202a\u202c5200166808.540275786487')).toEqual({ ok: true, value: '5200166808.540275786487', message: expect.stringContaining('2 invisible characters') });
  });

  it('names the usual slips', () => {
    expect(checkClientIdShape('google', 'GOCSPX-abcdefghijklmnopqrstuvwx12').message).toMatch(/client secret/);
    expect(checkClientIdShape('google', '734847560550-naskt5g4hv0pgkqf7609chjfko97j8g8').message).toMatch(/ends in \.apps\.googleusercontent\.com/);
    expect(checkClientIdShape('google', 'me@gmail.com').message).toMatch(/e-mail address/);
    expect(checkClientIdShape('google', '734847560550 naskt5g4hv0pgkqf7609chjfko97j8g8.apps.googleusercontent.com').message).toMatch(/space or line break/);
    expect(checkClientIdShape('slack', 'A0123ABCD45').message).toMatch(/App ID/);
    expect(checkClientIdShape('slack', 'xoxp-1-2-3').message).toMatch(/token/);
    expect(checkClientIdShape('slack', '0123456789abcdef0123456789abcdef').message).toMatch(/secret/);
    expect(checkClientIdShape('slack', '123456789012-1234567890123')).toMatchObject({ ok: false, message: expect.stringContaining('digits, a dot, digits') });
    expect(checkClientIdShape('google', '')).toEqual({ ok: false, value: '', message: null });
    expect(checkClientIdShape('google', 'x'.repeat(100_000))).toMatchObject({ ok: false, message: expect.stringContaining('too long') });
  });
});
