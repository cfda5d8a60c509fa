import { describe, expect, it } from 'vitest';
import { createOpenExternal } from '../../src/host/open-external';

describe("the headless host's openExternal", () => {
  it('hands on the parsed, re-serialised link and refuses what is not a browser link', async () => {
    const lines: string[] = [];
    const open = createOpenExternal('print', (line) => lines.push(line));
    await open('HTTPS://Example.COM/a/../b');
    expect(lines).toEqual(['Open this address in your browser: https://example.com/b']);
    await expect(open('--help')).rejects.toThrow(/not an http, https or mail address/);
    await expect(open('file:///etc/passwd')).rejects.toThrow(/not an http, https or mail address/);
    expect(lines).toHaveLength(1);
  });
});
