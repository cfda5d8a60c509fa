/**
 * Times regexes over their pathological inputs in a worker thread (test/helpers/redos-worker.mjs).
 * An input is slow when it takes more than the limit, or more than `suspectMs` and over
 * `maxRatio` times what a tenth of it takes (super-linear growth, even while still fast). A slow
 * input is tried once more in a fresh worker (a busy machine can stall one run); slow twice, or
 * past the hard limit (the worker is then killed), it is a finding.
 */
import { Worker } from 'node:worker_threads';
import type { InputSpec } from './redos-inputs';

/** One regex and its inputs. */
export interface RedosJob {
  where: string;
  source: string;
  flags: string;
  specs: InputSpec[];
}

/** A regex that was too slow on one input. */
export interface RedosFinding {
  where: string;
  pattern: string;
  input: string;
  ms: number | 'killed';
  /** Growth from a tenth of the input to all of it, when it was measured. */
  ratio?: number;
}

/** Limits for a run. */
export interface RedosLimits {
  /** Characters per input. */
  size: number;
  /** Most milliseconds one input may take. */
  limitMs: number;
  /** After this long without an answer the worker is killed. */
  hardMs: number;
  /** Above this, an input is also timed at a tenth of its size. */
  suspectMs: number;
  /** Most growth allowed from a tenth of the input to all of it (linear: about 10). */
  maxRatio: number;
}

/** What a run found and how much it ran. */
export interface RedosReport {
  findings: RedosFinding[];
  regexes: number;
  inputs: number;
  slowestMs: number;
  slowest: string;
}

type Message = { type: 'start'; index: number; input: number } | { type: 'done'; index: number; times: number[]; ratios: number[] };
type Timings = { times: number[]; ratios: number[]; killedAt: number | null };

function describe(spec: InputSpec): string {
  const show = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  return `${spec.prefix ? `${show(spec.prefix)} + ` : ''}${show(spec.unit)} repeated + ${show(spec.suffix)}`;
}

class RegexWorker {
  private worker = this.spawn();

  private spawn(): Worker {
    return new Worker(new URL('./redos-worker.mjs', import.meta.url));
  }

  /** Times `specs` of a job; `killedAt` is the input the worker was killed on. */
  run(job: RedosJob, specs: InputSpec[], limits: RedosLimits): Promise<Timings> {
    return new Promise((resolve, reject) => {
      let current = 0;
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          cleanup();
          void this.worker.terminate();
          this.worker = this.spawn();
          resolve({ times: [], ratios: [], killedAt: current });
        }, limits.hardMs);
      };
      const onMessage = (message: Message) => {
        if (message.type === 'start') {
          current = message.input;
          arm();
          return;
        }
        cleanup();
        resolve({ times: message.times, ratios: message.ratios, killedAt: null });
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.worker.off('message', onMessage);
        this.worker.off('error', onError);
      };
      this.worker.on('message', onMessage);
      this.worker.on('error', onError);
      this.worker.postMessage({ index: 0, source: job.source, flags: job.flags, specs, size: limits.size, limitMs: limits.limitMs, suspectMs: limits.suspectMs, maxRatio: limits.maxRatio });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** Runs every job and returns the findings (empty when every regex stayed under the limit). */
export async function runRedosJobs(jobs: readonly RedosJob[], limits: RedosLimits): Promise<RedosReport> {
  const worker = new RegexWorker();
  const report: RedosReport = { findings: [], regexes: 0, inputs: 0, slowestMs: 0, slowest: '' };
  try {
    for (const job of jobs) {
      report.regexes += 1;
      report.inputs += job.specs.length;
      const finding = (spec: InputSpec, ms: number | 'killed', ratio?: number): RedosFinding => ({
        where: job.where, pattern: `/${job.source}/${job.flags}`, input: describe(spec), ms, ...(ratio ? { ratio: Math.round(ratio) } : {}),
      });
      const isSlow = (ms: number, ratio: number) => ms > limits.limitMs || ratio > limits.maxRatio;
      let remaining = job.specs;
      while (remaining.length > 0) {
        const { times, ratios, killedAt } = await worker.run(job, remaining, limits);
        if (killedAt !== null) {
          report.findings.push(finding(remaining[killedAt]!, 'killed'));
          break;
        }
        // The worker stops at the first slow input, so it is the last one reported.
        const slow = times.findIndex((ms, i) => isSlow(ms, ratios[i]!));
        for (const ms of slow === -1 ? times : times.slice(0, slow)) {
          if (ms > report.slowestMs) [report.slowestMs, report.slowest] = [ms, `/${job.source}/${job.flags}`];
        }
        if (slow === -1) break;
        // A second chance for the slow input alone: a loaded machine can stall any one run.
        const again = await worker.run(job, [remaining[slow]!], limits);
        if (again.killedAt !== null) {
          report.findings.push(finding(remaining[slow]!, 'killed'));
          break;
        }
        if (isSlow(again.times[0]!, again.ratios[0]!)) {
          report.findings.push(finding(remaining[slow]!, Math.round(Math.min(again.times[0]!, times[slow]!)), Math.min(again.ratios[0]!, ratios[slow]!)));
          break;
        }
        remaining = remaining.slice(slow + 1);
      }
    }
  } finally {
    await worker.close();
  }
  return report;
}
