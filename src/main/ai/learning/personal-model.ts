/**
 * The personal model: the offline classifier's features (the words and shapes of a task's text, from
 * offline/features.ts) plus where an item came from (sender, domain, list, channel, kind), with
 * weights learned online from this person's decisions. It is a correction on top of the shipped
 * model, never a replacement:
 *
 *   confidence' = sigmoid(logit(confidence) + trust(n) * clamp(sum of weight * value, ±MAX_SHIFT))
 *
 * where trust(n) = n / (n + TRUST_HALF) grows with the number of decisions n, so one decision cannot
 * swing everything. Each decision is one plain SGD step of logistic regression on the confidence the
 * person was shown; the step is remembered so an undo takes exactly that step back. Pure and
 * deterministic: same decisions in, same weights out.
 */
import { FEATURE_VERSION, sentenceFeatures } from '../offline/features';
import { logit } from '../offline/judge-context';
import { sigmoid } from '../offline/logistic';

/** Format of the stored file; a file of another format (or feature version) is set aside, not misread. */
export const PERSONAL_MODEL_FORMAT = 1;
/** Decisions at which the personal model counts half as much as it ever can. */
export const TRUST_HALF = 10;
/** Most the personal model may move a confidence, in logits (0.5 -> 0.05..0.95). */
export const MAX_SHIFT = 3;
/** Step size of one decision. */
export const LEARNING_RATE = 0.4;
/** No single weight grows beyond this. */
const MAX_WEIGHT = 4;
/** Steps remembered for undo. */
const REMEMBERED_STEPS = 100;
/** Weights kept at most (the smallest go first), so the file stays small. */
const MAX_FEATURES = 20_000;

/** What a decision or an item is described by. */
export interface PersonalInput {
  kind: string;
  sender: string | null;
  domain: string | null;
  list: string | null;
  channel: string | null;
  /** The task's text: the title (the edited one, for an edited approval). */
  text: string;
}

/** The model's state, as stored in the data folder. */
export interface PersonalModelState {
  format: typeof PERSONAL_MODEL_FORMAT;
  featureVersion: number;
  /** Increases with every change. */
  revision: number;
  /** Decisions learned (undone ones taken back). */
  decisions: number;
  updatedAt: string | null;
  weights: Record<string, number>;
  /** The last steps, so an undo (restore) takes its decision back exactly. */
  recent: Array<{ suggestionId: number; step: number; features: Array<[string, number]> }>;
}

/** A fresh model that changes nothing. */
export function emptyPersonalModel(): PersonalModelState {
  return { format: PERSONAL_MODEL_FORMAT, featureVersion: FEATURE_VERSION, revision: 0, decisions: 0, updatedAt: null, weights: {}, recent: [] };
}

/**
 * How much each kind of feature counts. Who or where an item came from is what a person's choices
 * mostly follow, so the sender, list and channel count fully; a domain is shared by many senders,
 * the kind by everything, so they count less and cannot absorb one sender's lessons; the text's
 * features share a total length of TEXT_NORM (each TEXT_NORM / sqrt(n)), so a long title does not
 * outweigh who sent it.
 */
export const FEATURE_VALUES = { sender: 1, list: 1, channel: 1, domain: 0.5, kind: 0.2 } as const;
const TEXT_NORM = 0.5;

/** Features with their values. */
export function personalFeatures(input: PersonalInput): Array<[string, number]> {
  const features: Array<[string, number]> = [[`kind:${input.kind}`, FEATURE_VALUES.kind]];
  if (input.sender) features.push([`sender:${input.sender}`, FEATURE_VALUES.sender]);
  if (input.domain) features.push([`domain:${input.domain}`, FEATURE_VALUES.domain]);
  if (input.list) features.push([`list:${input.list}`, FEATURE_VALUES.list]);
  if (input.channel) features.push([`channel:${input.channel}`, FEATURE_VALUES.channel]);
  const words = sentenceFeatures(input.text.slice(0, 500));
  const share = words.length > 0 ? TEXT_NORM / Math.sqrt(words.length) : 0;
  for (const word of words) features.push([`text:${word}`, share]);
  return features;
}

/** How much the personal model counts after `decisions` decisions (0..1). */
export function trust(decisions: number): number {
  return decisions <= 0 ? 0 : decisions / (decisions + TRUST_HALF);
}

function rawShift(model: PersonalModelState, features: ReadonlyArray<[string, number]>): number {
  let z = 0;
  for (const [name, value] of features) z += (model.weights[name] ?? 0) * value;
  return Math.max(-MAX_SHIFT, Math.min(MAX_SHIFT, z));
}

/** The shift (in logits) the model applies to an item with these features. */
export function personalShift(model: PersonalModelState, features: ReadonlyArray<[string, number]>): number {
  return trust(model.decisions) * rawShift(model, features);
}

/** Blends the shipped model's confidence with the personal model (3 decimals, like engines). */
export function blendConfidence(model: PersonalModelState, confidence: number, input: PersonalInput): number {
  if (model.decisions === 0) return confidence;
  const blended = sigmoid(logit(confidence) + personalShift(model, personalFeatures(input)));
  return Math.round(blended * 1000) / 1000;
}

/** Moves weights by one step, in place (callers own the copy). */
function applyStep(weights: Record<string, number>, features: ReadonlyArray<[string, number]>, step: number): void {
  for (const [name, value] of features) {
    const next = Math.max(-MAX_WEIGHT, Math.min(MAX_WEIGHT, (weights[name] ?? 0) - step * value));
    if (next === 0) delete weights[name];
    else weights[name] = next;
  }
}

function prune(weights: Record<string, number>): Record<string, number> {
  const entries = Object.entries(weights);
  if (entries.length <= MAX_FEATURES) return weights;
  entries.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1));
  return Object.fromEntries(entries.slice(0, MAX_FEATURES));
}

/** One decision to learn: the label, and what the person was shown (the model's prediction at the time). */
export interface Decision {
  suggestionId: number;
  input: PersonalInput;
  shownConfidence: number;
  approved: boolean;
  at: string;
}

/**
 * Learns decisions in order, each one plain SGD step. Returns a new state; the old one is untouched
 * (the weights are copied once per call, so a batch of thousands stays cheap).
 */
export function learnDecisions(model: PersonalModelState, decisions: readonly Decision[]): PersonalModelState {
  if (decisions.length === 0) return model;
  const weights = { ...model.weights };
  let recent = model.recent;
  for (const decision of decisions) {
    const features = personalFeatures(decision.input);
    const error = Math.min(1, Math.max(0, decision.shownConfidence)) - (decision.approved ? 1 : 0);
    const step = LEARNING_RATE * error;
    applyStep(weights, features, step);
    recent = [...recent.filter((entry) => entry.suggestionId !== decision.suggestionId), { suggestionId: decision.suggestionId, step, features }].slice(-REMEMBERED_STEPS);
  }
  return {
    ...model,
    revision: model.revision + decisions.length,
    decisions: model.decisions + decisions.length,
    updatedAt: decisions[decisions.length - 1]!.at,
    weights: prune(weights),
    recent,
  };
}

/** Learns one decision (see {@link learnDecisions}). */
export function learnDecision(model: PersonalModelState, decision: Decision): PersonalModelState {
  return learnDecisions(model, [decision]);
}

/** Takes back the step a decision made (an undo); unchanged when that step is no longer remembered. */
export function forgetDecision(model: PersonalModelState, suggestionId: number, at: string): PersonalModelState {
  const entry = model.recent.find((candidate) => candidate.suggestionId === suggestionId);
  if (!entry) return model;
  const weights = { ...model.weights };
  applyStep(weights, entry.features, -entry.step);
  return {
    ...model,
    revision: model.revision + 1,
    decisions: Math.max(0, model.decisions - 1),
    updatedAt: at,
    weights,
    recent: model.recent.filter((candidate) => candidate !== entry),
  };
}

/** Reads a stored state; null when it is not a state this version can use. */
export function parsePersonalModel(raw: unknown): PersonalModelState | null {
  if (raw === null || typeof raw !== 'object') return null;
  const value = raw as Partial<PersonalModelState>;
  if (value.format !== PERSONAL_MODEL_FORMAT || value.featureVersion !== FEATURE_VERSION) return null;
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  if (!finite(value.revision) || !finite(value.decisions) || value.decisions < 0) return null;
  if (value.weights === null || typeof value.weights !== 'object' || Array.isArray(value.weights)) return null;
  const weights: Record<string, number> = {};
  for (const [name, weight] of Object.entries(value.weights)) if (finite(weight)) weights[name] = Math.max(-MAX_WEIGHT, Math.min(MAX_WEIGHT, weight));
  const recent = Array.isArray(value.recent)
    ? value.recent.filter((entry) => entry && finite(entry.suggestionId) && finite(entry.step) && Array.isArray(entry.features)).slice(-REMEMBERED_STEPS)
    : [];
  return {
    format: PERSONAL_MODEL_FORMAT,
    featureVersion: FEATURE_VERSION,
    revision: value.revision,
    decisions: value.decisions,
    updatedAt: typeof value.updatedAt === 'string' ? value.updatedAt : null,
    weights: prune(weights),
    recent,
  };
}
