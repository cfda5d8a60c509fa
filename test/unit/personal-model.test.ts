import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  blendConfidence,
  emptyPersonalModel,
  forgetDecision,
  LEARNING_RATE,
  learnDecision,
  MAX_SHIFT,
  parsePersonalModel,
  personalFeatures,
  personalShift,
  trust,
  TRUST_HALF,
  type PersonalInput,
  type PersonalModelState,
} from '../../src/main/ai/learning/personal-model';
import { loadPersonalModel, PERSONAL_MODEL_FILE, savePersonalModel } from '../../src/main/ai/learning/personal-model-file';

const AT = '2026-03-02T10:00:00.000Z';
const newsletter: PersonalInput = { kind: 'email', sender: 'editor@growth.example', domain: 'growth.example', list: null, channel: null, text: 'Register for the growth webinar' };
const manager: PersonalInput = { kind: 'email', sender: 'boss@acme.example', domain: 'acme.example', list: null, channel: null, text: 'Send me the board deck by Friday' };
const colleague: PersonalInput = { kind: 'email', sender: 'sam@acme.example', domain: 'acme.example', list: null, channel: null, text: 'Review the hiring plan' };

function teach(model: PersonalModelState, decisions: Array<[number, PersonalInput, number, boolean]>): PersonalModelState {
  return decisions.reduce((state, [suggestionId, input, shownConfidence, approved]) => learnDecision(state, { suggestionId, input, shownConfidence, approved, at: AT }), model);
}

describe('personal model: the online update', () => {
  it('one decision is one SGD step on the shown confidence, exactly', () => {
    const model = teach(emptyPersonalModel(), [[1, newsletter, 0.7, false]]);
    const step = LEARNING_RATE * 0.7;
    const features = personalFeatures(newsletter);
    expect(model.decisions).toBe(1);
    expect(model.revision).toBe(1);
    expect(model.weights['sender:editor@growth.example']).toBeCloseTo(-step, 12);
    expect(model.weights['domain:growth.example']).toBeCloseTo(-step * 0.5, 12);
    expect(model.weights['kind:email']).toBeCloseTo(-step * 0.2, 12);
    const textFeature = features.find(([name]) => name.startsWith('text:'))!;
    expect(model.weights[textFeature[0]]).toBeCloseTo(-step * textFeature[1], 12);
    // Text features share a length of 0.5: the title does not outweigh the sender.
    const textNorm = Math.sqrt(features.filter(([name]) => name.startsWith('text:')).reduce((sum, [, value]) => sum + value * value, 0));
    expect(textNorm).toBeCloseTo(0.5, 12);
  });

  it('is deterministic: the same decisions give the same model, byte for byte', () => {
    const decisions: Array<[number, PersonalInput, number, boolean]> = [
      [1, newsletter, 0.7, false],
      [2, manager, 0.4, true],
      [3, colleague, 0.8, true],
      [4, newsletter, 0.66, false],
    ];
    expect(JSON.stringify(teach(emptyPersonalModel(), decisions))).toBe(JSON.stringify(teach(emptyPersonalModel(), decisions)));
  });

  it('an undo takes the decision back exactly', () => {
    const before = teach(emptyPersonalModel(), [[1, manager, 0.4, true]]);
    const after = forgetDecision(teach(before, [[2, newsletter, 0.7, false]]), 2, AT);
    expect(after.decisions).toBe(1);
    for (const [name, weight] of Object.entries(before.weights)) expect(after.weights[name]).toBeCloseTo(weight, 12);
    expect(Object.keys(after.weights).sort()).toEqual(Object.keys(before.weights).sort());
    expect(forgetDecision(after, 99, AT)).toBe(after);
  });
});

describe('personal model: blending with the shipped model', () => {
  it('changes nothing before the first decision', () => {
    expect(blendConfidence(emptyPersonalModel(), 0.62, newsletter)).toBe(0.62);
  });

  it('one decision cannot swing everything', () => {
    const model = teach(emptyPersonalModel(), [[1, newsletter, 0.9, false]]);
    expect(trust(1)).toBeCloseTo(1 / (1 + TRUST_HALF), 12);
    // The same sender moves a little; an unrelated one barely.
    expect(Math.abs(blendConfidence(model, 0.6, newsletter) - 0.6)).toBeLessThan(0.05);
    expect(Math.abs(blendConfidence(model, 0.6, manager) - 0.6)).toBeLessThan(0.01);
  });

  it('consistent dismissals, as they happen, take one sender out of the feed and leave the others', () => {
    // The loop of use: the person sees the blended confidence and dismisses while it is shown (>= 0.5).
    let model = emptyPersonalModel();
    let dismissals = 0;
    for (let shown = blendConfidence(model, 0.6, newsletter); shown >= 0.5; shown = blendConfidence(model, 0.6, newsletter)) {
      model = teach(model, [[++dismissals, newsletter, shown, false], [1000 + dismissals, colleague, blendConfidence(model, 0.8, colleague), true]]);
    }
    expect(dismissals).toBeLessThanOrEqual(8);
    expect(blendConfidence(model, 0.8, colleague)).toBeGreaterThan(0.8);
    expect(blendConfidence(model, 0.8, { ...colleague, sender: 'new@else.example', domain: 'else.example' })).toBeGreaterThan(0.75);
  });

  it('never moves a confidence beyond the bound, however many decisions', () => {
    const many = teach(emptyPersonalModel(), Array.from({ length: 300 }, (_, index): [number, PersonalInput, number, boolean] => [index + 1, newsletter, 0.9, false]));
    expect(Math.abs(personalShift(many, personalFeatures(newsletter)))).toBeLessThanOrEqual(MAX_SHIFT);
    expect(blendConfidence(many, 0.5, newsletter)).toBeGreaterThanOrEqual(Math.round((1 / (1 + Math.exp(MAX_SHIFT))) * 1000) / 1000);
  });

  it('an edited title is learned as the text approved', () => {
    const edited = { ...manager, text: 'Prepare board deck' };
    const model = teach(emptyPersonalModel(), Array.from({ length: 10 }, (_, index): [number, PersonalInput, number, boolean] => [index + 1, edited, 0.5, true]));
    const other = { ...colleague, sender: 'new@else.example', domain: 'else.example' };
    expect(blendConfidence(model, 0.5, { ...other, text: 'Prepare board deck' })).toBeGreaterThan(blendConfidence(model, 0.5, { ...other, text: 'Lunch photos' }));
  });
});

describe('personal model: stored in the data folder', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'pt-pm-'));
    dirs.push(dir);
    return dir;
  };

  it('round-trips, private to the person', () => {
    const dir = dataDir();
    const model = teach(emptyPersonalModel(), [[1, manager, 0.4, true]]);
    savePersonalModel(dir, model);
    if (process.platform !== 'win32') expect(statSync(join(dir, PERSONAL_MODEL_FILE)).mode & 0o777).toBe(0o600);
    expect(loadPersonalModel(dir, () => new Date(AT))).toEqual({ state: model, setAside: null });
  });

  it('sets an unreadable or other-version file aside and starts empty', () => {
    const dir = dataDir();
    writeFileSync(join(dir, PERSONAL_MODEL_FILE), JSON.stringify({ ...emptyPersonalModel(), format: 99 }));
    const loaded = loadPersonalModel(dir, () => new Date(AT));
    expect(loaded.state).toEqual(emptyPersonalModel());
    expect(loaded.setAside).toMatch(/personal-model\.json\.unreadable-2026-03-02T10-00-00-000Z$/);
    expect(readdirSync(dir)).toEqual(['personal-model.json.unreadable-2026-03-02T10-00-00-000Z']);
    expect(parsePersonalModel('nonsense')).toBeNull();
    expect(parsePersonalModel({ ...emptyPersonalModel(), weights: [] })).toBeNull();
    expect(parsePersonalModel({ ...emptyPersonalModel(), decisions: -1 })).toBeNull();
  });
});
