/** The fake OpenAI-compatible server and its helpers. */
export { startFakeOpenAi, type CapturedRequest, type FakeOpenAi, type FakeOpenAiOptions } from './fake-openai';
export { faults, mutateVerdicts } from './faults';
export { defaultVerdicts, heuristicResponder, judgeBlock, parseItems, type ChatRequestView, type FakeReply, type FakeResponder, type FakeVerdict } from './responder';
