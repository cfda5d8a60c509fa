/** The suggestions the feed tests seed: ties, two providers, one already auto-approved. */
import type { SeedRow } from './feed-harness';

/** Ten rows; in feed order the nine pending ones are Call Lee, Check invoice, Reply to Dana, Sign contract, Review PR, Pay vendor, Renew badge, Book room, Send slides. */
export const ROWS: SeedRow[] = [
  { title: 'Reply to Dana', confidence: 0.91 },
  { title: 'Send slides', confidence: 0.55 },
  { title: 'Check invoice', confidence: 0.91 },
  { title: 'Review PR', confidence: 0.78, provider: 'slack' },
  { title: 'Book room', confidence: 0.62 },
  { title: 'Call Lee', confidence: 0.97, provider: 'slack' },
  { title: 'Sign contract', confidence: 0.84 },
  { title: 'Renew badge', confidence: 0.62 },
  { title: 'Pay vendor', confidence: 0.7 },
  { title: 'Archive old thread', confidence: 0.99, status: 'auto_approved' },
];

/** The nine pending rows in the order the feed must show them (written out, not computed). */
export const PENDING_ORDER = ['Call Lee', 'Check invoice', 'Reply to Dana', 'Sign contract', 'Review PR', 'Pay vendor', 'Renew badge', 'Book room', 'Send slides'];
