/** A log sink appending JSON lines to a file (the data dir's app.log), also echoing warnings to stderr. */
import { appendFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir } from '../security/private-files';
import type { LogRecord, LogSink } from './logger';

/** Creates a sink that appends each record as one JSON line. */
export function createFileSink(file: string, echo: (line: string) => void = () => undefined): LogSink {
  ensurePrivateDir(dirname(file));
  return (record: LogRecord) => {
    const line = JSON.stringify(record);
    appendFileSync(file, `${line}\n`, { mode: 0o600 });
    if (record.level === 'warn' || record.level === 'error') echo(line);
  };
}
