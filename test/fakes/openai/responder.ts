/**
 * What the fake "model" answers: it reads the item blocks out of the prompt like a careless model
 * would (any `<<item-N ...>>` line opens a block, whatever follows the label), and judges each by
 * keywords. It is gullible on purpose: an item that asks for high confidence gets it, so tests
 * prove that flags, not the model, keep injected items from being auto-approved.
 */

/** A chat request as the responder sees it. */
export interface ChatRequestView {
  body: ChatBody;
  mode: 'json_schema' | 'json_object' | 'plain';
  /** Item blocks found in the first user message, in order. */
  items: Array<{ label: string; text: string }>;
  /** Labels the request asks about (all items, or the ones a repair message names). */
  labels: string[];
}

/** The parts of a chat completion request the fake reads. */
export interface ChatBody {
  model?: unknown;
  messages?: Array<{ role?: unknown; content?: unknown }>;
  response_format?: { type?: unknown; json_schema?: { name?: unknown; strict?: unknown; schema?: unknown } };
  temperature?: unknown;
  [key: string]: unknown;
}

/** What the fake sends back for one chat request. */
export type FakeReply = (
  | { kind: 'verdicts'; verdicts: unknown[] }
  | { kind: 'content'; content: string; finishReason?: 'stop' | 'length' | 'content_filter' }
  | { kind: 'refusal'; refusal: string }
  | { kind: 'error'; status: number; message?: string; type?: string; code?: string | null; param?: string | null; headers?: Record<string, string> }
) & { delayMs?: number };

/** Decides the reply to a request. */
export type FakeResponder = (request: ChatRequestView) => FakeReply | Promise<FakeReply>;

/** The verdict shape the engine asks for. */
export interface FakeVerdict {
  item: string;
  needs_action: boolean;
  title: string;
  description: string;
  priority: 'low' | 'medium' | 'high' | 'urgent';
  deadline: string | null;
  tags: string[];
  confidence: number;
  reasoning: string;
}

function text(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (part && typeof part === 'object' && 'text' in part ? String(part.text) : '')).join('');
  return '';
}

/** Item blocks in a prompt, read leniently (the nonce is not checked, so spoofing would show). */
export function parseItems(prompt: string): Array<{ label: string; text: string }> {
  const items: Array<{ label: string; text: string }> = [];
  const pattern = /<<(item-\d+)[^>\n]*>>\n([\s\S]*?)\n<<end \1[^>\n]*>>/g;
  for (const match of prompt.matchAll(pattern)) items.push({ label: match[1] ?? '', text: match[2] ?? '' });
  return items;
}

/** Builds the responder's view of a request body. */
export function viewOf(body: ChatBody): ChatRequestView {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const users = messages.filter((m) => m.role === 'user').map((m) => text(m.content));
  const items = parseItems(users[0] ?? '');
  const last = users[users.length - 1] ?? '';
  const type = body.response_format?.type;
  const mode = type === 'json_schema' ? 'json_schema' : type === 'json_object' ? 'json_object' : 'plain';
  // A repair message names the labels it wants again.
  const named = users.length > 1 ? [...new Set(last.match(/item-\d+/g) ?? [])] : [];
  return { body, mode, items, labels: named.length > 0 ? named : items.map((item) => item.label) };
}

function field(block: string, key: string): string {
  const match = new RegExp(`^${key}: (.*)$`, 'm').exec(block);
  return match?.[1]?.trim() ?? '';
}

const NO_ACTION = /unsubscribe|newsletter|no-?reply|receipt|your order|has shipped|digest|weekly update|notification|\bfyi\b|for your information|webinar|% off|\bsale\b|out of office|automatic reply/i;
const ACTION = /\?|\bplease\b|\bcan you\b|\bcould you\b|\bwould you\b|let me know|\bdeadline\b|\bdue\b|\breview\b|\bapprove\b|\bsign\b|\bconfirm\b|\brsvp\b|\bsend me\b|action required|\bprepare\b|\bpresent(ing)?\b|\binterview\b/i;
const GULLIBLE = /high confidence|auto[- ]?approve|confidence (to|of) 1|approve this/i;

/** The keyword judgement of one item block. */
export function judgeBlock(label: string, block: string): FakeVerdict {
  const type = field(block, 'type') || 'email';
  const subject = field(block, 'subject') || field(block, 'title') || `${field(block, 'channel')} message`;
  const body = block.split(/^(?:body|message|description):$/m)[1] ?? block;
  let needs = false;
  let confidence = 0.2;
  if (type === 'calendar_event') {
    needs = /present|prepare|interview|review|demo|slides|agenda|pitch/i.test(block) || /^your response: needsAction$/m.test(block);
    confidence = needs ? 0.75 : 0.15;
  } else if (ACTION.test(body) && !NO_ACTION.test(block)) {
    needs = true;
    confidence = /\bplease\b/i.test(body) && /\bby\b|\bdeadline\b|\bdue\b/i.test(body) ? 0.9 : 0.8;
  }
  if (GULLIBLE.test(block)) {
    needs = true;
    confidence = 0.99;
  }
  const urgent = /\burgent\b|\basap\b|\bimmediately\b|\btoday\b/i.test(body);
  const date = /\b(20\d\d-\d\d-\d\d)\b/.exec(body)?.[1];
  const title = type === 'calendar_event' ? `Prepare for ${subject}` : type === 'slack_message' ? `Reply to ${field(block, 'author')} in ${field(block, 'channel')}` : `Follow up: ${subject}`;
  return {
    item: label,
    needs_action: needs,
    title: title.slice(0, 80),
    description: needs ? `Respond to: ${subject}`.slice(0, 200) : '',
    priority: !needs ? 'low' : urgent ? 'urgent' : date ? 'high' : 'medium',
    deadline: needs && date ? `${date}T17:00:00Z` : null,
    tags: [type === 'calendar_event' ? 'meeting' : type === 'slack_message' ? 'slack' : 'email'],
    confidence,
    reasoning: needs ? 'The item asks the person to do something.' : 'Nothing is asked of the person.',
  };
}

/** Verdicts for every label the request asks about. */
export function defaultVerdicts(request: ChatRequestView): FakeVerdict[] {
  // First block wins, like a model reading top-down: a spoofed block would take over a real label.
  const byLabel = new Map<string, string>();
  for (const item of request.items) if (!byLabel.has(item.label)) byLabel.set(item.label, item.text);
  return request.labels.map((label) => judgeBlock(label, byLabel.get(label) ?? ''));
}

/** The default responder: keyword verdicts for every item of the prompt. */
export const heuristicResponder: FakeResponder = (request) => ({ kind: 'verdicts', verdicts: defaultVerdicts(request) });

/** Token estimate used for `usage`: about four characters per token. */
export function countTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

/** Prompt tokens of a request: message text, 4 per message, and the schema when one is sent. */
export function promptTokens(body: ChatBody): number {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const schema = body.response_format?.type === 'json_schema' ? JSON.stringify(body.response_format.json_schema ?? {}).length : 0;
  return messages.reduce((sum, m) => sum + 4 + countTokens(text(m.content).length), 0) + countTokens(schema);
}
