/** Starts the headless host as a child process (exactly as `npm run host` does) and talks to it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The project root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A running host. */
export interface RunningHost {
  url: string;
  token: string;
  ui: string;
  child: ChildProcess;
  stderr(): string;
  /** POSTs to a channel; returns status and parsed body. */
  call<T = unknown>(channel: string, input?: unknown, token?: string | null): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

/** Options of {@link startHost}. */
export interface StartHostOptions {
  dataDir: string;
  env?: Record<string, string>;
  args?: string[];
}

/** Spawns `tsx src/host/main.ts` and resolves once it printed its JSON line. */
export async function startHost(options: StartHostOptions): Promise<RunningHost> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/host/main.ts', '--data-dir', options.dataDir, ...(options.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start in time:\n${errors}`)), 30_000);
    const reader = createInterface({ input: child.stdout! });
    reader.once('line', (first) => {
      clearTimeout(timer);
      resolve(first);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${errors}`));
    });
  });
  const ready = JSON.parse(line) as { url: string; token: string; ui: string };
  return {
    ...ready,
    child,
    stderr: () => errors,
    async call<T>(channel: string, input?: unknown, token: string | null = ready.token) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token !== null) headers.authorization = `Bearer ${token}`;
      const response = await fetch(`${ready.url}/api/${channel}`, { method: 'POST', headers, body: input === undefined ? '' : JSON.stringify(input) });
      return { status: response.status, body: (await response.json()) as T };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
