/** The fake OpenAI-compatible server and its helpers. */
export { startFakeOpenAi, type CapturedRequest, type FakeOpenAi, type FakeOpenAiOptions } from './fake-openai';
export { faults, mutateVerdicts } from './faults';
export { countTokens, defaultVerdicts, heuristicResponder, judgeBlock, parseItems, promptTokens, type ChatRequestView, type FakeReply, type FakeResponder, type FakeVerdict } from './responder';
