/**
 * The content step's last act: the screening rules (injection attempts, fake delimiters, sensitive
 * requests) read an item's whole untrusted text once, and their flags travel on the item
 * (`contentFlags`). Engines and the sync engine only read them.
 */
import { detectInjection } from '../items/injection';
import { detectSensitive } from '../items/sensitive';
import { boundItem } from '../items/item-bounds';
import { untrustedText } from '../items/item-text';
import type { ProviderItem } from '../items/provider-item';
import { fakeDelimiterFlags } from './email-text';

/** The item, bounded, with the flags of its whole text merged into those parsing raised (sorted, unique). */
export function scanItem<T extends ProviderItem>(parsed: T): T {
  const item = boundItem(parsed);
  const text = untrustedText(item);
  const flags = new Set([...item.contentFlags, ...detectInjection(text), ...fakeDelimiterFlags(text), ...detectSensitive(text)]);
  return { ...item, contentFlags: [...flags].sort() };
}
