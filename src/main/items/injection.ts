/**
 * Heuristic detection of prompt-injection attempts in item content. A hit never hides an item:
 * it only adds a flag to the suggestion, and any flag blocks auto-approve, so the patterns lean
 * towards catching attempts while leaving ordinary mail ("please ignore my previous email") alone.
 */

import { stripInvisible } from './invisible-chars';

/** Flags `detectInjection` can raise. */
export type InjectionFlag =
  | 'injection:ignore-instructions'
  | 'injection:role-marker'
  | 'injection:role-change'
  | 'injection:approve-request'
  | 'injection:addresses-ai'
  | 'injection:output-control'
  | 'injection:fake-delimiter';

// Every rule must stay linear on hostile text (test/unit/redos.test.ts runs each on 100 KB inputs):
// rules anchored at a line start space with [ \t] (normalise() made every other non-newline space a
// ' '), since \s after a multiline ^ would run across blank lines and retry from every one of them.
const RULES: ReadonlyArray<readonly [InjectionFlag, RegExp]> = [
  // "ignore all previous instructions", "disregard the above", in English, French, German, Spanish.
  // Possessive "my previous ..." is left out on purpose: people retract their own emails.
  ['injection:ignore-instructions', /\b(?:ignore|disregard|forget|override|bypass|skip)\s+(?:all\s+|any\s+|every\s+)?(?:of\s+)?(?:the\s+|your\s+|these\s+|those\s+)?(?:previous|prior|preceding|above|earlier|original|system|existing|initial)\s+(?:instructions?|prompts?|rules|directives|directions|guidelines|guidance|context|orders)\b/i],
  ['injection:ignore-instructions', /\b(?:ignore|disregard|forget)\s+(?:all\s+|everything\s+)?(?:of\s+)?(?:the\s+)?(?:above|before this|said before)\b/i],
  ['injection:ignore-instructions', /\b(?:ignore|disregard|forget)\s+(?:all\s+)?(?:your|the system'?s?)\s+(?:instructions?|prompts?|rules|guidelines|programming|training)\b/i],
  ['injection:ignore-instructions', /\b(?:new|updated|real|actual)\s+(?:system\s+)?instructions?\s*:/i],
  ['injection:ignore-instructions', /\bignore[sz]?\s+(?:toutes\s+)?(?:les\s+|tes\s+|vos\s+)?(?:instructions|consignes|règles)\s+(?:précédentes|ci-dessus|antérieures)/i],
  ['injection:ignore-instructions', /\boublie[sz]?\s+(?:toutes\s+)?(?:les\s+|tes\s+|vos\s+)(?:instructions|consignes|règles)\b/i],
  ['injection:ignore-instructions', /\b(?:ignoriere|ignorieren\s+sie|vergiss|vergessen\s+sie)\s+(?:alle\s+)?(?:die\s+)?(?:(?:vorherigen|bisherigen|obigen|vorigen|deine|ihre)\s+)?(?:anweisungen|instruktionen|regeln|vorgaben)\b/i],
  ['injection:ignore-instructions', /\b(?:ignora|ignore|olvida|olvide)\s+(?:todas\s+)?(?:las\s+|tus\s+|sus\s+)?(?:instrucciones|reglas|indicaciones)\s*(?:anteriores|previas)?\b/i],
  // Chat-template tokens and role headers that try to open a new turn.
  ['injection:role-marker', /<\|\s*(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text)\s*\|>/i],
  ['injection:role-marker', /\[\/?INST\]|<<\/?SYS>>|<\/?s>|<(?:start|end)_of_turn>/],
  ['injection:role-marker', /^[ \t]*(?:#{1,4}[ \t]*)?(?:SYSTEM|ASSISTANT|DEVELOPER)[ \t]*(?:(?:PROMPT|MESSAGE)[ \t]*)?:/m],
  ['injection:role-marker', /^[ \t]*#{1,4}[ \t]*(?:system|instruction|instructions|response)[ \t]*(?::[ \t]*)?$/im],
  ['injection:role-marker', /\b(?:system|developer)\s+(?:prompt|message)\s*:/i],
  ['injection:role-marker', /<\/?\s*(?:system|assistant|developer)(?:[-_]?(?:prompt|message))?\s*>/i],
  // Attempts to give the model a new identity or mode.
  ['injection:role-change', /\byou\s+are\s+now\b[^.\n]{0,40}\b(?:ai|assistant|model|bot|dan|mode|unrestricted|jailbroken|system|admin(?:istrator)?|different)\b/i],
  ['injection:role-change', /\bfrom\s+now\s+on,?\s+(?:you|your|the\s+(?:ai|assistant|model))\s+(?:are|will|must|should|shall|respond|answer|act)\b/i],
  ['injection:role-change', /\b(?:act|behave|respond)\s+as\s+(?:if\s+you\s+(?:were|are)\s+)?(?:an?\s+)?(?:unrestricted|jailbroken|different|new)\s+(?:ai|assistant|model)\b/i],
  ['injection:role-change', /\b(?:developer|god|dan|jailbreak)\s+mode\b/i],
  ['injection:role-change', /\btu\s+es\s+maintenant\b|\bdu\s+bist\s+jetzt\b|\bahora\s+eres\b/i],
  // Asking the triage itself to approve, trust or rank the item.
  ['injection:approve-request', /\bauto(?:matically)?[\s-]?approve[sd]?\b/i],
  ['injection:approve-request', /\bapprove\s+(?:this|it|the)\s+(?:(?:task|suggestion|item|email|message|request)\s+)?(?:automatically|without\s+(?:review|asking|confirmation))/i],
  ['injection:approve-request', /\bmark\s+(?:this|it|the\s+(?:task|item|email|message|suggestion))(?:\s+(?:task|item|email|message))?\s+as\s+(?:approved|high[\s-]?confidence|trusted|safe|verified|urgent\s+and\s+approved)\b/i],
  ['injection:approve-request', /\b(?:set|give|assign|rate)\s+(?:it\s+|this\s+)?(?:the\s+|a\s+|your\s+)?(?:confidence|certainty)(?:\s+(?:score|level))?\s+(?:to|of|at)\s+(?:1(?:\.0+)?|100\s*%|max(?:imum)?|high(?:est)?|0?\.9\d*)/i],
  ['injection:approve-request', /\b(?:with|at)\s+(?:high|maximum|full|100\s*%)\s+confidence\b/i],
  ['injection:approve-request', /\btreat\s+(?:it|this|the\s+(?:request|task|item|email|message))\s+as\s+(?:certain|verified|trusted|approved|safe|legitimate|genuine|high[\s-]?confidence)\b/i],
  ['injection:approve-request', /["']?(?:confidence|needs_action)["']?\s*[:=]\s*(?:1(?:\.0+)?|true|0?\.9\d*)\b/i],
  ['injection:approve-request', /\bapprouve[rz]?\s+automatiquement\b|\bautomatisch\s+(?:genehmigen|freigeben|bestätigen)\b|\bapr(?:ueba|obar|uebe)\s+automáticamente\b/i],
  // Text written to the AI rather than to the person.
  ['injection:addresses-ai', /\b(?:note|message|instructions?)\s+(?:to|for)\s+(?:the\s+|any\s+)?(?:ai|a\.i\.|llm|language\s+model|assistant|bot|model|gpt|chatgpt|classifier)\b/i],
  ['injection:addresses-ai', /\bif\s+you\s+are\s+(?:an?\s+)?(?:ai|llm|language\s+model|assistant|bot|automated\s+(?:system|assistant))\b/i],
  ['injection:addresses-ai', /\b(?:ai|llm|language\s+model|assistant|gpt|chatgpt)\s+(?:reading|processing|summari[sz]ing|triaging)\s+this\b/i],
  ['injection:addresses-ai', /\b(?:triage|screening|sorting|filtering|inbox|e-?mail|mail|task)\s+(?:helper|assistant|bot|agent|ai|classifier)\s*[:,]/i],
  // Attempts to dictate the answer format or field contents.
  ['injection:output-control', /\b(?:respond|reply|answer|output)\s+(?:only\s+)?with\s+(?:only\s+)?(?:json|the\s+following\s+json|\{)/i],
  ['injection:output-control', /\b(?:your|the)\s+(?:output|response|answer|json)\s+(?:must|should|shall)\s+(?:be|contain|include|say)\b/i],
  ['injection:output-control', /\b(?:in|as)\s+the\s+(?:title|description|reasoning)\s+(?:field|of\s+the\s+(?:task|suggestion))\b/i],
  // Strings shaped like the prompt's own boundaries or common data wrappers.
  ['injection:fake-delimiter', /(?:<<|≪|«\s*«|‹‹|＜＜)\s*(?:end\s+)?item[-\s]?\d*/i],
  ['injection:fake-delimiter', /<\/?\s*(?:data|item|items|input|document|email|untrusted[\w-]{0,40}|content|context|instructions?|user|tool|message)\s*>/i],
  ['injection:fake-delimiter', /^[ \t]*(?:>[ \t]*)*(?:-{3,}|={3,}|#{3,}|\*{3,})[ \t]*(?:end|begin|start)\s+(?:of\s+)?(?:the\s+)?(?:email|data|item|message|document|input|content|instructions?|system)\b/im],
  ['injection:fake-delimiter', /\[\/?\s*(?:data|item|end\s+of\s+(?:data|email|item)|system)\s*\]/i],
];


/** Normalises text so look-alike letters, hidden characters and odd spacing do not evade the rules. */
function normalise(text: string): string {
  return stripInvisible(text.normalize('NFKC')).text.replace(/[^\S\n]+/g, ' ');
}

/** Returns the injection flags raised by `text` (sorted, without duplicates; empty when clean). */
export function detectInjection(text: string): string[] {
  if (!text) return [];
  // Bounded so a huge body cannot make the regexes slow; bodies are trimmed before prompting anyway.
  const clean = normalise(text.length > 100_000 ? text.slice(0, 100_000) : text);
  const flags = new Set<string>();
  for (const [flag, pattern] of RULES) if (!flags.has(flag) && pattern.test(clean)) flags.add(flag);
  return [...flags].sort();
}
