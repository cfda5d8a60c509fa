/**
 * The personal model in the data folder (`personal-model.json`, 0600, written atomically). A file
 * this version cannot read (damaged, another format or feature version) is renamed aside, never
 * deleted, and the model starts empty: the person's decisions are still in the database.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeFilesPrivate } from '../../security/private-files';
import { emptyPersonalModel, parsePersonalModel, type PersonalModelState } from './personal-model';

/** The file's name in the data folder. */
export const PERSONAL_MODEL_FILE = 'personal-model.json';
/** A file larger than this is not a model this app wrote. */
const MAX_BYTES = 8 * 1024 * 1024;

/** What loading found. */
export interface LoadedModel {
  state: PersonalModelState;
  /** Where an unreadable file was moved, or null. */
  setAside: string | null;
}

/** Loads the model from `dataDir`; missing means empty. */
export function loadPersonalModel(dataDir: string, now: () => Date): LoadedModel {
  const file = join(dataDir, PERSONAL_MODEL_FILE);
  if (!existsSync(file)) return { state: emptyPersonalModel(), setAside: null };
  let state: PersonalModelState | null = null;
  try {
    if (statSync(file).size <= MAX_BYTES) state = parsePersonalModel(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    state = null;
  }
  if (state) return { state, setAside: null };
  const setAside = `${file}.unreadable-${now().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, setAside);
  return { state: emptyPersonalModel(), setAside };
}

/** Saves the model atomically (temp file + rename), private to the person. */
export function savePersonalModel(dataDir: string, state: PersonalModelState): void {
  const file = join(dataDir, PERSONAL_MODEL_FILE);
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(state), { mode: 0o600 });
  makeFilesPrivate([temp]);
  renameSync(temp, file);
}

/** Removes the stored model (a reset). */
export function removePersonalModel(dataDir: string): void {
  rmSync(join(dataDir, PERSONAL_MODEL_FILE), { force: true });
}
