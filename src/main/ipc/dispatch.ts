/**
 * The one entry to the handler map, shared by Electron IPC and the headless HTTP bridge: validate the
 * input against the contract, run the handler, and turn any failure into the wire error shape.
 */
import { isChannel, type Channel } from '../../shared/ipc-channels';
import { channelInputs, type ChannelResult, type IpcReply, type ParsedInput } from '../../shared/ipc-contract';
import { AppError } from '../errors';
import type { Logger } from '../logging/logger';

/** One handler per channel, receiving validated input. */
export type HandlerMap = {
  [C in Channel]: (input: ParsedInput<C>) => Promise<ChannelResult<C>> | ChannelResult<C>;
};

/** The outcome of a dispatch with the HTTP status the bridge answers with. */
export interface DispatchResult {
  /** 200 ok; 400 input failed the schema; 404 unknown channel; 500 any other failure (docs/ARCHITECTURE.md §6). */
  status: 200 | 400 | 404 | 500;
  reply: IpcReply<unknown>;
}

interface Issue {
  code?: string;
  path: PropertyKey[];
  message: string;
  errors?: Issue[][];
}

// A union's own message is only "Invalid input"; the branch the value came closest to says why.
const MISMATCH_CODES = new Set(['invalid_type', 'invalid_value', 'unrecognized_keys', 'invalid_union']);
const distance = (branch: Issue[]) => branch.reduce((sum, issue) => sum + (MISMATCH_CODES.has(issue.code ?? '') ? 2 : 1), 0);

function flattenIssues(issues: readonly Issue[], prefix: PropertyKey[]): Array<{ path: PropertyKey[]; message: string }> {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    const closest = issue.code === 'invalid_union' && issue.errors?.length ? [...issue.errors].sort((a, b) => distance(a) - distance(b))[0]! : null;
    return closest && closest.length > 0 ? flattenIssues(closest, path) : [{ path, message: issue.message }];
  });
}

function describeIssues(error: { issues: readonly Issue[] }): string {
  return flattenIssues(error.issues, [])
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** Validates and runs one call. Never throws; never puts a stack trace in the reply. */
export async function dispatch(handlers: HandlerMap, channel: string, rawInput: unknown, logger: Logger): Promise<DispatchResult> {
  if (!isChannel(channel)) {
    return { status: 404, reply: { ok: false, error: { code: 'not_found', message: `Unknown channel ${channel.slice(0, 80)}.` } } };
  }
  const schema = channelInputs[channel];
  const parsed = schema.safeParse(rawInput === null ? undefined : rawInput);
  if (!parsed.success) {
    return { status: 400, reply: { ok: false, error: { code: 'invalid_input', message: describeIssues(parsed.error) } } };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    return { status: 200, reply: { ok: true, value: value ?? null } };
  } catch (error) {
    if (error instanceof AppError) {
      logger.warn(`${channel} failed`, { code: error.code, message: error.message });
      return { status: error.code === 'invalid_input' ? 400 : 500, reply: { ok: false, error: { code: error.code, message: error.message } } };
    }
    logger.error(`${channel} failed unexpectedly`, { error });
    return { status: 500, reply: { ok: false, error: { code: 'internal', message: 'Something went wrong inside the app. The details are in the log.' } } };
  }
}
