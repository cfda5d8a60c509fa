/**
 * The person's rules during one sync: screens each fetched item next to the prefilter (a "never"
 * rule skips it before any engine), applies "always" and "priority" to the engine's verdicts, and
 * counts how many items each rule acted on, saved with the page's transaction.
 */
import type { IntegrationRecord } from '../db/integration-repository';
import type { ProviderItem } from '../items/provider-item';
import { applyRuleMatch, ruleIdsOf, screenItem, type RuleMatch, type RuledVerdict, type ScreeningRule } from '../items/rules';

/** The calendar a calendar integration reads, as "calendar" rules name it. */
export function calendarKeyOf(integration: Pick<IntegrationRecord, 'accountEmail' | 'displayName' | 'accountId'>): string | null {
  return integration.accountEmail ?? integration.displayName ?? integration.accountId;
}

/** Creates the screening of one sync run over the active rules. */
export function createRuleScreening(rules: readonly ScreeningRule[], selfAddresses: readonly string[], calendar: string | null) {
  const matches = new Map<string, RuleMatch>();
  const hits = new Map<number, number>();
  const hit = (match: RuleMatch) => {
    for (const id of ruleIdsOf(match)) hits.set(id, (hits.get(id) ?? 0) + 1);
  };
  return {
    /** Why the item goes to no engine (a "never" rule or the prefilter), or null. */
    reason(item: ProviderItem): string | null {
      const screening = screenItem(item, rules, selfAddresses, calendar);
      if (screening.match.filter?.action === 'never') hit({ filter: screening.match.filter, priority: null });
      else if (screening.match.filter || screening.match.priority) matches.set(item.id, screening.match);
      return screening.skip;
    },
    /** The verdicts with "always" and "priority" rules applied (and said in their reasoning). */
    apply<V extends RuledVerdict>(verdicts: Array<{ item: ProviderItem; verdict: V }>): Array<{ item: ProviderItem; verdict: V }> {
      return verdicts.map((entry) => {
        const match = matches.get(entry.item.id);
        if (!match) return entry;
        hit(match);
        return { item: entry.item, verdict: applyRuleMatch(entry.verdict, match) };
      });
    },
    /** Rule ID -> items it acted on since the last call (a paged sync saves each page's hits with the page). */
    takeHits(): ReadonlyMap<number, number> {
      const taken = new Map(hits);
      hits.clear();
      return taken;
    },
  };
}
