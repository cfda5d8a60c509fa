/** A small structured logger that redacts before anything reaches its sink. */
import type { Redactor } from './redactor';

/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One structured log line. */
export interface LogRecord {
  time: string;
  level: LogLevel;
  scope: string;
  message: string;
  data?: unknown;
}

/** Where log lines go (a file, the console, a test array); `close` writes out what is buffered. */
export interface LogSink {
  (record: LogRecord): void;
  close?(): Promise<void>;
}

/** The logger every module receives. */
export interface Logger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
  child(scope: string): Logger;
}

/** Creates a logger writing redacted records to `sink`. */
export function createLogger(sink: LogSink, redactor: Redactor, now: () => Date, scope = 'app'): Logger {
  const write = (level: LogLevel, message: string, data?: unknown) => {
    const record: LogRecord = { time: now().toISOString(), level, scope, message: redactor.redactText(message) };
    if (data !== undefined) record.data = redactor.redact(data);
    sink(record);
  };
  return {
    debug: (message, data) => write('debug', message, data),
    info: (message, data) => write('info', message, data),
    warn: (message, data) => write('warn', message, data),
    error: (message, data) => write('error', message, data),
    child: (childScope) => createLogger(sink, redactor, now, `${scope}:${childScope}`),
  };
}

/** A logger that drops everything (for tests that do not look at logs). */
export function silentLogger(): Logger {
  const noop = () => undefined;
  const logger: Logger = { debug: noop, info: noop, warn: noop, error: noop, child: () => logger };
  return logger;
}
