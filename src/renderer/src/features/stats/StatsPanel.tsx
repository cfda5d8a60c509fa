/**
 * The dashboard's figures of how the person decides: approval rate (against the seed's goal of 50%),
 * per confidence bucket in a small chart (StatsChart.tsx), per source and engine, auto-approved kept
 * vs undone, and how long suggestions wait for a decision.
 */
import { lazy, Suspense, useCallback, useEffect, useId, useState } from 'react';
import type { StatsDto } from '../../../../shared/models';
import { api, errorMessage } from '../../api';
import { useAppEvent } from '../../components/useEvent';
import { percent, providerLabel } from '../../lib/format';

import { APPROVAL_GOAL } from './stats-rows';

// The chart library is loaded only when the dashboard shows a chart, so the feed starts as fast as before.
const StatsChart = lazy(() => import('./StatsChart'));

/** "42 s", "3 min", "5 h", "2 d". */
export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

const rate = (value: number | null) => (value === null ? '–' : percent(value));

/** The stats card. */
export function StatsPanel() {
  const headingId = useId();
  const [stats, setStats] = useState<StatsDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api()
      .statsGet()
      .then((value) => {
        setStats(value);
        setError(null);
      })
      .catch((caught: unknown) => setError(errorMessage(caught)));
  }, []);
  useEffect(load, [load]);
  useAppEvent('suggestions:changed', load);

  return (
    <section className="stats-panel card" aria-labelledby={headingId}>
      <h2 id={headingId}>Your decisions</h2>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {stats && (
        <>
          <dl className="stats-figures">
            <div>
              <dt>Approved</dt>
              <dd data-testid="approval-rate" className={stats.approvalRate !== null && stats.approvalRate < APPROVAL_GOAL ? 'below-goal' : undefined}>
                {rate(stats.approvalRate)}
              </dd>
              <dd className="muted">
                {stats.approved.toLocaleString()} of {stats.decided.toLocaleString()} decided · goal {percent(APPROVAL_GOAL)}
              </dd>
            </div>
            <div>
              <dt>Auto-approved</dt>
              <dd>{stats.autoApproved.toLocaleString()}</dd>
              <dd className="muted">
                {stats.autoApprovedKept.toLocaleString()} kept · {stats.autoApprovedUndone.toLocaleString()} undone
              </dd>
            </div>
            <div>
              <dt>Time to decide</dt>
              <dd>{duration(stats.decisionTime.medianSeconds)}</dd>
              <dd className="muted">median · 90% within {duration(stats.decisionTime.p90Seconds)}</dd>
            </div>
            <div>
              <dt>Waiting</dt>
              <dd>{stats.pending.toLocaleString()}</dd>
              <dd className="muted">for review</dd>
            </div>
          </dl>
          {stats.decided === 0 ? (
            <p className="empty">No decisions yet: approve or dismiss suggestions and the chart fills in.</p>
          ) : (
            <Suspense fallback={<p className="muted">Loading the chart…</p>}>
              <StatsChart stats={stats} />
            </Suspense>
          )}
          {(stats.byProvider.length > 0 || stats.byEngine.length > 0) && (
            <table className="stats-table">
              <thead>
                <tr>
                  <th scope="col">By</th>
                  <th scope="col">Suggested</th>
                  <th scope="col">Approved</th>
                  <th scope="col">Dismissed</th>
                  <th scope="col">Rate</th>
                </tr>
              </thead>
              <tbody>
                {[...stats.byProvider.map((row) => ({ key: `p:${row.provider}`, label: providerLabel(row.provider), ...row })), ...stats.byEngine.map((row) => ({ key: `e:${row.engine}`, label: `Engine ${row.engine}`, ...row }))].map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    <td className="number">{row.suggested.toLocaleString()}</td>
                    <td className="number">{row.approved.toLocaleString()}</td>
                    <td className="number">{row.dismissed.toLocaleString()}</td>
                    <td className="number">{rate(row.approvalRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
