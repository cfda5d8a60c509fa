/** The offline suggestion engine: public entry points. */
export { createOfflineEngine, OFFLINE_ENGINE_NAME, type OfflineEngineOptions } from './offline-engine';
export { cleanBody, splitSentences, stripGreeting, type CleanedText } from './text';
export { findDeadline, type FoundDeadline } from './deadline';
export { createZone, type Zone } from '../../lib/time-zone';
export { titleFromSentence } from './title';
