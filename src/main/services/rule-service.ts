/**
 * The person's rules: list (with the app's proposals), set, delete, accept; and the learned
 * proposals: after 3 dismissals and no approval from one sender, list or channel, the app proposes a
 * "never" rule. It never makes one active by itself; an ignored proposal is not proposed again.
 */
import type { ChannelInput } from '../../shared/ipc-contract';
import type { RuleDto } from '../../shared/models';
import type { DecisionKey } from '../db/decision-repository';
import type { Repositories } from '../db/repositories';
import type { RuleRecord } from '../db/rule-repository';
import { canonicalListId, normaliseRuleValue } from '../items/rules';
import { AppError, NotFoundError } from '../errors';
import type { EventBus } from '../events';

/** Dismissals (with no approval) from one source before the app proposes a "never" rule. */
export const PROPOSE_AFTER_DISMISSALS = 3;

// Loose shapes: enough to refuse a value that can never match, never so strict that a real one fails.
const VALUE_CHECKS: Record<RuleDto['scope'], { test: (value: string) => boolean; example: string }> = {
  sender: { test: (v) => /^[^\s@]+@[^\s@]+$/.test(v) || /^[a-z0-9]{2,40}$/.test(v), example: 'an address such as dana@acme.com, or a Slack member ID' },
  domain: { test: (v) => /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(v), example: 'a domain such as acme.com' },
  list: { test: (v) => !/\s/.test(v) && v.length >= 3, example: 'a list ID such as dev.lists.acme.com' },
  channel: { test: (v) => /^(?:#[^\s#]{1,80}|[a-z0-9]{2,40})$/.test(v), example: 'a channel ID or #name' },
  calendar: { test: (v) => v.length >= 1, example: 'the calendar account' },
};

function toDto(record: RuleRecord): RuleDto {
  return { ...record, status: record.status === 'proposed' ? 'proposed' : 'active' };
}

/** Creates the rule service. */
export function createRuleService(repos: Repositories, events: EventBus) {
  const { rules, decisions, db } = repos;
  const changed = () => events.emit('rules:changed', {});
  const shown = (id: number): RuleRecord => {
    const rule = rules.get(id);
    if (!rule || rule.status === 'ignored') throw new NotFoundError('Rule', id);
    return rule;
  };

  /** Proposes a "never" rule for one key when its decisions call for it; true when it did. */
  const proposeFor = (key: DecisionKey, raw: string | null, label: string | null): boolean => {
    if (!raw) return false;
    const counts = decisions.countsFor(key, raw, PROPOSE_AFTER_DISMISSALS);
    if (counts.dismissed < PROPOSE_AFTER_DISMISSALS || counts.approved) return false;
    const scope = key === 'sender' ? 'sender' : key === 'list' ? 'list' : 'channel';
    const value = key === 'list' ? canonicalListId(raw) : raw;
    if (!value) return false;
    // Whatever the person already said about this source (a rule, or an ignored proposal) stands.
    if (rules.findTarget(scope, value, false)) return false;
    const what = key === 'sender' ? 'from this sender' : key === 'list' ? 'from this mailing list' : 'in this channel';
    rules.save({ action: 'never', scope, value, label, origin: 'learned', status: 'proposed', reason: `You dismissed ${counts.dismissed} suggestions ${what} and approved none.` });
    return true;
  };

  return {
    /** Active rules and the app's proposals. */
    list(): RuleDto[] {
      return rules.list().map(toDto);
    },
    /** Creates or replaces the person's rule on a target. */
    set(input: ChannelInput<'rules:set'>): RuleDto {
      const value = normaliseRuleValue(input.scope, input.value);
      const check = VALUE_CHECKS[input.scope];
      if (!value || !check.test(value)) throw new AppError('invalid_input', `That ${input.scope} does not look right: give ${check.example}.`);
      if (input.action === 'priority' && !input.priority) throw new AppError('invalid_input', 'A priority rule needs a priority (low, medium, high or urgent).');
      const saved = rules.save({ action: input.action, scope: input.scope, value, label: input.label ?? null, priority: input.priority ?? null, origin: 'person', status: 'active' });
      changed();
      return toDto(saved);
    },
    /** Deletes a rule; a learned one (or an ignored proposal) is kept aside so it is not proposed again. */
    remove(id: number): { id: number } {
      const rule = shown(id);
      if (rule.origin === 'learned') rules.setStatus(id, 'ignored');
      else rules.remove(id);
      changed();
      return { id };
    },
    /** Makes a proposal an active rule. */
    accept(id: number): RuleDto {
      const rule = shown(id);
      if (rule.status === 'proposed') rules.setStatus(id, 'active');
      changed();
      return toDto(shown(id));
    },
    /**
     * After dismissals: looks at each dismissed suggestion's mailing list, channel and sender (in that
     * order: a noisy list has many senders) and proposes at most one rule per suggestion.
     */
    proposeAfterDismissals(suggestionIds: readonly number[]): RuleDto[] {
      const proposed = db.transaction(() => {
        const made: number[] = [];
        for (const id of suggestionIds) {
          const decided = decisions.decided(id);
          if (!decided) continue;
          const suggestion = repos.suggestions.get(id);
          const preview = suggestion?.preview;
          const senderLabel = preview?.kind === 'slack_message' ? preview.author : preview?.kind === 'email' ? preview.fromName : null;
          const proposedOne =
            proposeFor('list', decided.listKey, null) ||
            proposeFor('channel', decided.channelKey, suggestion?.ruleTargets.channelLabel ?? null) ||
            proposeFor('sender', decided.senderKey, senderLabel);
          if (proposedOne) made.push(id);
        }
        return made.length;
      })();
      if (proposed === 0) return [];
      changed();
      return rules.list().filter((rule) => rule.status === 'proposed').map(toDto);
    },
  };
}

/** The rule service's type. */
export type RuleService = ReturnType<typeof createRuleService>;
