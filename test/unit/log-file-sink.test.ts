import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSink } from '../../src/main/logging/file-sink';
import { createLogger } from '../../src/main/logging/logger';
import { Redactor } from '../../src/main/logging/redactor';
import { tempDir } from '../helpers/temp-db';

const temps: Array<{ cleanup(): void }> = [];
afterEach(() => temps.splice(0).forEach((temp) => temp.cleanup()));

describe('the log file', () => {
  it('rotates by size and never takes more than its cap, with every line redacted first', async () => {
    const temp = tempDir('pt-log-');
    temps.push(temp);
    const folder = join(temp.dir, 'logs');
    const limits = { maxFileBytes: 16_384, keepFiles: 2, maxLineBytes: 2_048 };
    const sink = createFileSink(join(folder, 'app.log'), limits);
    const redactor = new Redactor();
    redactor.add('registered-secret-value-123');
    const logger = createLogger(sink, redactor, () => new Date(0));
    // About 1 MB of log lines, far past the cap; some carry a secret.
    for (let i = 0; i < 3_000; i += 1) logger.info(`sync step ${i}`, { note: 'x'.repeat(250), token: 'ya29.a0SomeAccessToken', text: i % 10 === 0 ? 'registered-secret-value-123' : 'plain' });
    logger.info('one huge record', { body: 'y'.repeat(1_000_000) });
    logger.info('the last line');
    await sink.close!();

    const files = readdirSync(folder).sort();
    expect(files).toEqual(['app.log', 'app.log.1', 'app.log.2']);
    const sizes = files.map((name) => statSync(join(folder, name)).size);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(limits.maxFileBytes);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBeLessThanOrEqual(limits.maxFileBytes * (limits.keepFiles + 1));
    for (const name of files) expect(statSync(join(folder, name)).mode & 0o777).toBe(0o600);

    const text = files.map((name) => readFileSync(join(folder, name), 'utf8')).join('');
    expect(text).not.toContain('registered-secret-value-123');
    expect(text).not.toContain('ya29.');
    const current = readFileSync(join(folder, 'app.log'), 'utf8').trim().split('\n');
    expect(JSON.parse(current.at(-1)!)).toMatchObject({ message: 'the last line' });
    // The huge record became one bounded line saying how much was cut.
    const huge = text.split('\n').find((line) => line.includes('one huge record'));
    expect(huge && Buffer.byteLength(huge)).toBeLessThan(limits.maxLineBytes);
    expect(JSON.parse(huge!)).toMatchObject({ data: { cutBytes: expect.any(Number) } });
  });

  it('keeps its limits across restarts: an oversized file left by an earlier run is rotated away', async () => {
    const temp = tempDir('pt-log-');
    temps.push(temp);
    const file = join(temp.dir, 'logs', 'app.log');
    const limits = { maxFileBytes: 8_192, keepFiles: 1, maxLineBytes: 1_024 };
    for (let run = 0; run < 3; run += 1) {
      const sink = createFileSink(file, limits);
      const logger = createLogger(sink, new Redactor(), () => new Date(0));
      for (let i = 0; i < 200; i += 1) logger.info(`run ${run} line ${i}`, { pad: 'z'.repeat(100) });
      await sink.close!();
    }
    const folder = join(temp.dir, 'logs');
    const total = readdirSync(folder).reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);
    expect(total).toBeLessThanOrEqual(limits.maxFileBytes * (limits.keepFiles + 1));
  });
});
