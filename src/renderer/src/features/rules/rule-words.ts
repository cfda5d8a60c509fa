/** How rules read in the UI: "Never suggest from sender dana@acme.com". */
import type { RuleDto, RuleScope, RuleTargets } from '../../../../shared/models';

/** A scope's name in a sentence. */
export const SCOPE_WORDS: Record<RuleScope, string> = { sender: 'sender', domain: 'domain', list: 'mailing list', channel: 'channel', calendar: 'calendar' };

/** What a rule's value is shown as (its label when it has one: "#random" for a channel ID). */
export function ruleTarget(rule: Pick<RuleDto, 'scope' | 'value' | 'label'>): string {
  const shown = rule.label && rule.label.toLowerCase() !== rule.value ? `${rule.label} (${rule.value})` : rule.value;
  return `${SCOPE_WORDS[rule.scope]} ${shown}`;
}

/** The whole rule as a sentence. */
export function ruleSentence(rule: Pick<RuleDto, 'action' | 'scope' | 'value' | 'label' | 'priority'>): string {
  if (rule.action === 'priority') return `Priority ${rule.priority ?? 'medium'} for ${ruleTarget(rule)}`;
  return `${rule.action === 'never' ? 'Never' : 'Always'} suggest from ${ruleTarget(rule)}`;
}

/** A target a rule made from a suggestion can have. */
export interface TargetChoice {
  scope: RuleScope;
  value: string;
  label: string | null;
}

/** The targets a suggestion offers for a rule, most specific first; `senderName` labels the sender. */
export function targetChoices(targets: RuleTargets | undefined, senderName: string | null = null): TargetChoice[] {
  if (!targets) return [];
  const choices: TargetChoice[] = [];
  if (targets.sender) choices.push({ scope: 'sender', value: targets.sender, label: senderName });
  if (targets.list) choices.push({ scope: 'list', value: targets.list, label: null });
  if (targets.channel) choices.push({ scope: 'channel', value: targets.channel, label: targets.channelLabel });
  if (targets.domain) choices.push({ scope: 'domain', value: targets.domain, label: null });
  if (targets.calendar) choices.push({ scope: 'calendar', value: targets.calendar, label: null });
  return choices;
}
