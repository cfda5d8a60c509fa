/**
 * Requests that must never become tasks unseen, whoever seems to send them: paying or moving money,
 * passwords and sign-in codes, gift cards, and sending the organisation's data out. These are what
 * business email compromise asks for. A hit adds a `sensitive:` flag: the suggestion is still made
 * (the request may be real), but it waits for the person, and the feed says why.
 */
import { stripInvisible } from './invisible-chars';

/** Flags `detectSensitive` can raise. */
export type SensitiveFlag = 'sensitive:payment' | 'sensitive:credentials' | 'sensitive:gift-card' | 'sensitive:data-export';

// Linear patterns only (test/unit/redos.test.ts): words and fixed phrases with single \s+ gaps.
const RULES: ReadonlyArray<readonly [SensitiveFlag, RegExp]> = [
  // Moving money: wires, transfers, bank details, changed payment instructions.
  ['sensitive:payment', /\b(?:wire|wiring|remit)\s+(?:the|a|an|this|that|it|them|us|me|funds|money|payment|[$€£]|\d)|\bremittance\b/i],
  ['sensitive:payment', /\b(?:bank|wire|money|funds?|payment|ach|swift|sepa)\s+transfers?\b|\btransfer\s+(?:the\s+)?(?:funds|money|payment|amount|balance)\b/i],
  ['sensitive:payment', /\b(?:iban|swift\s+code|bic\s+code|routing\s+number|sort\s+code|account\s+number|bank\s+(?:details|account|info(?:rmation)?))\b/i],
  ['sensitive:payment', /\b(?:pay|settle|process)\s+(?:the|this|that|our|an?|these)\s+(?:outstanding\s+|overdue\s+|attached\s+|pending\s+)?(?:invoices?|balance|amount|bill|payments?)\b/i],
  ['sensitive:payment', /\b(?:new|updated|changed?|different)\s+(?:bank|banking|payment|remittance|beneficiary)\s+(?:details|account|information|instructions)\b/i],
  ['sensitive:payment', /\b(?:send|release|authori[sz]e|approve)\s+(?:the\s+|a\s+|this\s+)?(?:payment|funds|money|transfer)\b|\bmake\s+(?:the\s+|a\s+|this\s+)?(?:payment|transfer)\b/i],
  ['sensitive:payment', /\b(?:bitcoin|btc|crypto(?:currency)?|usdt|ethereum)\s+(?:wallet|address|payment|transfer)\b/i],
  ['sensitive:payment', /\b(?:virement|überweisung|transferencia\s+bancaria|bonifico)\b/i],
  // Passwords, codes and sign-ins.
  ['sensitive:credentials', /\b(?:passwords?|passcodes?|passphrases?|login\s+(?:details|credentials|info)|credentials|api\s+keys?|access\s+tokens?|secret\s+keys?|private\s+keys?)\b/i],
  ['sensitive:credentials', /\b(?:verification|security|one[\s-]time|2fa|mfa|otp|authentication|sign[\s-]in|login)\s+codes?\b|\b(?:2fa|mfa|otp)\b/i],
  ['sensitive:credentials', /\b(?:verify|confirm|validate|unlock|reactivate)\s+your\s+(?:account|identity|mailbox|login)\b/i],
  ['sensitive:credentials', /\b(?:mot\s+de\s+passe|passwort|contraseña)\b/i],
  // Gift cards, the classic scam.
  ['sensitive:gift-card', /\bgift\s*cards?\b|\b(?:itunes|apple|google\s+play|amazon|steam|ebay|visa)\s+(?:gift\s+)?cards?\b|\bscratch\s+(?:off\s+)?the\s+back\b/i],
  ['sensitive:gift-card', /\b(?:carte|tarjeta)s?\s+(?:cadeau|regalo)\b|\bgutscheinkarten?\b/i],
  // Sending the organisation's data out.
  ['sensitive:data-export', /\b(?:payroll|salary|salaries|compensation)\s+(?:export|data|database|records|list|files?|details|spreadsheet|report|information)\b/i],
  ['sensitive:data-export', /\b(?:send|share|forward|e-?mail|upload|export|transfer|dump)\b[^.\n]{0,60}\b(?:employee|staff|hr|personnel|customer|client|patient|user)\s+(?:data|database|records|list|files|details|spreadsheet|export)\b/i],
  ['sensitive:data-export', /\b(?:w-?2s?|w-?9s?|tax\s+forms?|social\s+security\s+numbers?|ssns?|national\s+insurance\s+numbers?|passport\s+(?:copies|scans|numbers))\b/i],
  ['sensitive:data-export', /\b(?:outside|external)\s+(?:e-?mail\s+)?(?:address|account|inbox|recipient|party)\b|\b(?:personal|private)\s+e-?mail\b|\b(?:gmail|yahoo|hotmail)\s+(?:address|account)\b/i],
  ['sensitive:data-export', /\bexport\s+(?:the\s+|all\s+|our\s+|a\s+)?(?:full\s+)?(?:data|database|records|contacts|customers|crm|list)\b/i],
];

/** Characters read: requests are stated near the top, and the scan must stay cheap. */
const MAX_SCAN = 50_000;

/** The sensitive-request flags raised by `text` (sorted, without duplicates; empty for ordinary text). */
export function detectSensitive(text: string): SensitiveFlag[] {
  if (!text) return [];
  const clean = stripInvisible((text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text).normalize('NFKC')).text;
  const flags = new Set<SensitiveFlag>();
  for (const [flag, pattern] of RULES) if (!flags.has(flag) && pattern.test(clean)) flags.add(flag);
  return [...flags].sort();
}
