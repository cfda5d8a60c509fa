/**
 * The log file: JSON lines in the data dir's logs/app.log, rotated by size with rotating-file-stream
 * (app.log, app.log.1 … app.log.N, then the oldest is dropped) so the logs never take more than
 * (keepFiles + 1) × maxFileBytes. Records arrive already redacted (the logger redacts before any
 * sink); a single line is cut to a bounded size first. Warnings and errors are echoed to stderr.
 */
import { basename, dirname } from 'node:path';
import { createStream } from 'rotating-file-stream';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../security/private-files';
import type { LogRecord, LogSink } from './logger';

/** Limits of {@link createFileSink}. */
export interface FileSinkOptions {
  /** Largest size of one log file in bytes (default 5 MiB). */
  maxFileBytes?: number;
  /** Rotated files kept besides the current one (default 3). */
  keepFiles?: number;
  /** Longest line in bytes; a longer record keeps its head and says how much was cut (default 64 KiB). */
  maxLineBytes?: number;
  /** Where warnings and errors are echoed (default: nowhere). */
  echo?: (line: string) => void;
}

const DEFAULTS = { maxFileBytes: 5 * 1024 * 1024, keepFiles: 3, maxLineBytes: 64 * 1024 };

/** The JSON line of a record, never longer than `maxBytes` (the cut version is still one JSON object). */
export function boundedLine(record: LogRecord, maxBytes: number): string {
  const line = JSON.stringify(record);
  if (Buffer.byteLength(line) <= maxBytes) return line;
  const room = Math.max(0, Math.floor(maxBytes / 4) - 200);
  const cut: LogRecord = { time: record.time, level: record.level, scope: record.scope.slice(0, 100), message: record.message.slice(0, room), data: { cutBytes: Buffer.byteLength(line) } };
  return JSON.stringify(cut);
}

/** Creates a sink writing each record as one JSON line to a size-rotated file. */
export function createFileSink(file: string, options: FileSinkOptions = {}): LogSink {
  const { maxFileBytes, keepFiles, maxLineBytes } = { ...DEFAULTS, ...options };
  if (maxFileBytes <= 2 * maxLineBytes) throw new Error('A log file must hold more than two of its longest lines.');
  const echo = options.echo ?? (() => undefined);
  ensurePrivateDir(dirname(file));
  // Rotation happens after the write that crosses the threshold, so the threshold leaves room for one line.
  const stream = createStream(basename(file), { path: dirname(file), size: `${maxFileBytes - maxLineBytes - 1}B`, rotate: keepFiles, mode: PRIVATE_FILE_MODE });
  let open = true;
  stream.on('error', (error: Error) => {
    // A full disk or a removed folder must not take the app down; the log is lost, and stderr says so once.
    if (open) echo(JSON.stringify({ level: 'error', scope: 'log', message: `The log file can no longer be written: ${error.message}` }));
    open = false;
  });
  stream.on('warning', () => undefined);
  const sink: LogSink = (record: LogRecord) => {
    const line = boundedLine(record, maxLineBytes - 1);
    if (open) stream.write(`${line}\n`);
    if (record.level === 'warn' || record.level === 'error') echo(line);
  };
  sink.close = () =>
    new Promise<void>((resolve) => {
      if (!open) return resolve();
      open = false;
      stream.end(() => resolve());
    });
  return sink;
}
