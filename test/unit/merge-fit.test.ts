// How the similarity's threshold is chosen (the budgets must hold on each corpus: the most corpora within
// both, away from a cliff) and how the merge evaluation reads and pools several test seeds.
import { describe, expect, it } from 'vitest';
import { chooseThreshold, withinBudgets, type ReplayFigures } from '../../scripts/merge/fit-similarity';
import { pooled, TEST_SEED, testSeedsOf } from '../../scripts/merge/merge-cli';
import type { MergeMetrics } from '../../scripts/merge/merge-eval';

function figures(within: number, duplicateRate = 0.01, wrongRate = 0.002): ReplayFigures {
  return { duplicate_rate: duplicateRate, wrong_merge_rate: wrongRate, duplicates: 0, wrong_merges: 0, merged_rows: 0, commitments: 0, corpora: 30, corpora_within_budgets: within };
}

describe('withinBudgets', () => {
  it('holds at the budgets themselves and fails just over either', () => {
    expect(withinBudgets({ duplicate_rate: 0.02, wrong_merge_rate: 0.01 })).toBe(true);
    expect(withinBudgets({ duplicate_rate: 0.0201, wrong_merge_rate: 0 })).toBe(false);
    expect(withinBudgets({ duplicate_rate: 0, wrong_merge_rate: 0.0101 })).toBe(false);
  });
});

describe('chooseThreshold', () => {
  it('keeps the threshold under which the most corpora meet both budgets', () => {
    expect(chooseThreshold([figures(10), figures(20), figures(27), figures(27), figures(27), figures(12)])).toBe(3);
  });

  it('steps back from a cliff: a best count next to a collapse loses to a steady plateau', () => {
    // Index 4 has the single best count, but one step further most corpora fail.
    expect(chooseThreshold([figures(20), figures(26), figures(27), figures(27), figures(28), figures(5)])).toBe(3);
  });

  it('breaks a tie by the least of both budgets spent (a wrong merge costs twice a duplicate)', () => {
    const costly = figures(25, 0.01, 0.006);
    const cheap = figures(25, 0.014, 0.002);
    expect(chooseThreshold([costly, costly, cheap, cheap])).toBe(2);
  });
});

describe('the test seeds of a merge evaluation', () => {
  it('reads one seed, a range of seeds, or the default test seed', () => {
    expect(testSeedsOf(['--merge'])).toEqual([TEST_SEED]);
    expect(testSeedsOf(['--merge', '--test-seed', '20260420'])).toEqual([20260420]);
    expect(testSeedsOf(['--merge', '--test-seeds', '20260417..20260420'])).toEqual([20260417, 20260418, 20260419, 20260420]);
  });

  it('refuses a range that is malformed, backwards or too long, with the form it wants', () => {
    expect(() => testSeedsOf(['--test-seeds', '20260417-20260420'])).toThrow(/FIRST\.\.LAST/);
    expect(() => testSeedsOf(['--test-seeds', '20260420..20260417'])).toThrow(/FIRST\.\.LAST/);
    expect(() => testSeedsOf(['--test-seeds', '1..100000'])).toThrow(/at most 200 seeds/);
    expect(() => testSeedsOf(['--test-seeds'])).toThrow(/FIRST\.\.LAST/);
  });

  it('pools several seeds and counts the seeds within each budget', () => {
    const run = (duplicates: number, wrong: number): MergeMetrics => ({
      commitments: 100, items: 0, rows: 0, shown: 0, duplicates, duplicate_rate: duplicates / 100, wrong_merges: wrong, wrong_merge_rate: wrong / 50, wrong_merge_rate_of_rows: 0,
      merged_rows: 50, merged_by_key: 0, merged_by_similarity: 0, wrong_by_key: 0, wrong_by_similarity: 0, duplicates_without_merging: 0, duplicates_by_variant: {},
    });
    expect(pooled([run(1, 0), run(3, 0), run(2, 1)])).toEqual({
      seeds: 3, duplicates: 6, duplicate_rate: 0.02, wrong_merges: 1, wrong_merge_rate: 1 / 150,
      seeds_within_duplicate_budget: 2, seeds_within_wrong_merge_budget: 2, seeds_within_both: 1,
    });
  });
});
