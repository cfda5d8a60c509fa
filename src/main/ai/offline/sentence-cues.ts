/**
 * What a sentence says about who must act, beyond the classifier's "is this a request": is it put to
 * the reader ("can you", an imperative, a question with "you"), to a whole group ("has anyone",
 * "thoughts?"), only conditionally ("if you need X, let me know"), or is it the sender's own
 * commitment ("I'll send it") or an announcement. Every pattern is a plain alternation anchored on
 * word boundaries, tested on a sentence cut to `MAX_SENTENCE` characters.
 */
import { IMPERATIVE_VERBS } from './features';

/** Longest sentence the cues read; a longer "sentence" is a run-on paragraph and its start says enough. */
export const MAX_SENTENCE = 600;

/** The cues of one sentence. */
export interface SentenceCues {
  question: boolean;
  /** Says "you"/"your" (or "u"). */
  you: boolean;
  /** "could you", "can you", "would you mind", "will you". */
  modalYou: boolean;
  /** Opens with a verb in the imperative ("Send", "Please review"). */
  imperative: boolean;
  /** "please", "kindly", "I need you to", "let me know whether". */
  requestPhrase: boolean;
  /** Put to a whole group ("does anyone", "thoughts?", "everyone"). */
  group: boolean;
  /** Only if the reader wants or needs something ("if you need", "feel free", "let me know if"). */
  conditional: boolean;
  /** The sender's own step ("I'll send", "we will look into"). */
  commitment: boolean;
  /** Reads as news or a heads-up ("will be held", "is now available", "reminder"). */
  announcement: boolean;
  /** An indirect question or plea for help ("I was wondering whether", "is it possible", "any ideas"). */
  ask: boolean;
}

const MODAL_YOU = /\b(?:could|can|would|will|won't|wouldn't|can't|couldn't)\s(?:you|u|ya)\b|\bdo you mind\b|\bwould you mind\b/i;
const YOU = /\b(?:you|your|yours|u)\b/i;
const REQUEST_PHRASE =
  /\b(?:please|pls|plz|kindly|i need you|need you to|i'd like you to|i would like you to|let me know (?:whether|when|what|which|how|who|where|your|by)|let us know (?:whether|when|what|which|how|who|where|your|by)|get back to me|send me|asap|your (?:approval|sign-?off|input|feedback|review|confirmation|response) (?:is|by|on)|i want your|we need your|i need your)\b/i;
// To the list or the room rather than to one reader.
const GROUP =
  /\b(?:anyone|anybody|someone|somebody|everyone|everybody|all of you|any of you|folks|y'all|you all|people|the community|the list|interested parties|whoever|comments welcome|feedback (?:is )?welcome|reviews? (?:are |is )?welcome|please vote|all welcome|everyone is welcome)\b/i;
// An open call ("Any thoughts?"), unless it is put to "you" ("any feedback you could give").
const OPEN_CALL = /^(?:any|other) (?:thoughts|ideas|comments|objections|concerns|suggestions|feedback|opinions|volunteers|takers|interest)\b|\bthoughts\?|\b(?:thoughts|comments|objections|concerns),? (?:anyone|welcome)\b/i;
// An offer the reader may take up or not: "If you need the deck, ...", "let me know if you have any
// questions", "feel free to call". "Will you advise if you completed it?" is a question, not this.
const CONDITIONAL =
  /^(?:if|in case|should you|whenever|when you (?:get|have) (?:a )?chance to)\b|\b(?:feel free|don't hesitate|do not hesitate|happy to (?:help|answer|discuss|chat|share)|glad to (?:help|answer)|available (?:if|for questions)|call with questions|let (?:me|us) know if you (?:like|have any|see any|want|need|would like|are interested|notice any|find any|agree|disagree)|if (?:needed|necessary|required|interested|desired|you(?:'d| would) like|you want|you wish|you are interested|you prefer)|if (?:you|anyone|anybody|someone|there) (?:has|have|need|needs|are|is) (?:any|more|further|additional|other) (?:questions?|concerns?|comments?|problems?|issues?|thoughts|ideas|suggestions|feedback|interest|help|information|info|details))\b/i;
const COMMITMENT = /^(?:i|we)(?:'ll| will| shall| am going to| are going to|'m going to| plan to| intend to)\b|^(?:i|we) (?:can|could) (?:send|ask|try|look|check|do|take|get|set|prepare|follow)\b|^(?:i'm|i am|we're|we are) (?:working on|going to|planning to|looking into|preparing)\b/i;
const ANNOUNCEMENT =
  /\b(?:reminder|announc(?:e|es|ed|ing|ement)|is now (?:available|live|open|closed)|has been (?:released|published|tagged|merged|cancel(?:l)?ed|moved|rescheduled|postponed)|will be (?:held|closed|open|down|unavailable|released|available|hosted|cancel(?:l)?ed)|more (?:details|information|info) (?:to come|soon|to follow|later)|details to follow|stay tuned|for your information|fyi|heads[- ]up|just so you know|no action (?:is )?(?:needed|required)|minutes of|meeting notes|the agenda is|release notes|we are (?:pleased|happy|excited|delighted) to|i am (?:pleased|happy|excited|delighted) to|welcome to|congratulations)\b/i;
// Asking without a question mark: "I'd like to know whether", "is there a way", "any pointers".
const ASK =
  /\b(?:i(?:'d| would) like to (?:know|ask|inquire|understand|check)|i was wondering|i(?:'m| am) wondering|i wonder (?:if|whether|how|why|what)|is (?:it|there) (?:possible|a way|any way)|(?:any|some) (?:idea|ideas|suggestions?|hints?|pointers?|help|advice|insights?)\b|(?:please )?advise|(?:appreciate|grateful for) (?:any|your) (?:help|advice|feedback|input|suggestions?|thoughts|comments)|(?:can|could) (?:someone|anyone|somebody) (?:help|explain|tell|point))\b/i;
// "Please find attached the minutes" hands something over; it asks nothing.
const HANDOVER = /^(?:please |pls |kindly )?(?:find|see) (?:the |my |our )?(?:attached|enclosed|below|attachment|following)\b|^(?:attached|enclosed|below) (?:is|are|please find)\b/i;
const OPENERS = /^(?:please|pls|kindly|just|also|and|so|then|now|quickly)\s/i;

/** The cues of a sentence (already cleaned of greetings). */
export function sentenceCues(raw: string): SentenceCues {
  const sentence = raw.length > MAX_SENTENCE ? raw.slice(0, MAX_SENTENCE) : raw;
  const trimmed = sentence.trim();
  const withoutOpener = trimmed.replace(OPENERS, '');
  const first = (/^[a-z]+/i.exec(withoutOpener)?.[0] ?? '').toLowerCase();
  // "Send me..." yes; "Send you..."/"Let you know" are the sender speaking.
  const handover = HANDOVER.test(trimmed);
  const imperative = !handover && IMPERATIVE_VERBS.has(first) && !trimmed.endsWith('?') && !/^\w+\s(?:you|i|we|they|he|she|it)\b/i.test(withoutOpener);
  const offer = CONDITIONAL.exec(trimmed);
  // "Please review it and let me know if you have questions": the request comes first, the offer trails it.
  const before = offer ? trimmed.slice(0, offer.index).replace(OPENERS, '').trim() : '';
  const askFirst = before.includes(' ') && (imperative || /^(?:please|pls|kindly|can you|could you|would you)\b/i.test(trimmed));
  return {
    question: trimmed.endsWith('?') || /\?["')\]]?\s*$/.test(trimmed),
    you: YOU.test(sentence),
    modalYou: MODAL_YOU.test(sentence),
    imperative,
    requestPhrase: !handover && REQUEST_PHRASE.test(sentence),
    group: GROUP.test(sentence) || (OPEN_CALL.test(trimmed) && !YOU.test(sentence)),
    conditional: offer !== null && !askFirst,
    commitment: COMMITMENT.test(trimmed),
    announcement: handover || ANNOUNCEMENT.test(sentence),
    ask: ASK.test(sentence),
  };
}

/** True when the sentence asks the reader directly: a you-question, a polite request or an imperative. */
export function isDirected(cues: SentenceCues): boolean {
  if (cues.conditional || cues.group || cues.commitment) return false;
  return cues.modalYou || cues.imperative || cues.requestPhrase || (cues.question && cues.you);
}

/** A sentence with the classifier's probability and its cues (message-features.ts judges them). */
export interface JudgedSentence {
  text: string;
  p: number;
  cues: SentenceCues;
  courtesy: boolean;
  /** The request strength the model reads: the classifier's logit, capped for courtesy lines. */
  strength: number;
}
