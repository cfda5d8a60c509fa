/**
 * The stats chart: approved and dismissed suggestions per confidence bucket, the approval rate, and
 * the seed's 50% line. recharts draws SVG through React (no inline script, no eval, styles set through
 * the DOM), so it runs under the renderer's CSP; it is its own chunk, loaded on demand.
 */
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatsDto } from '../../../../shared/models';
import { percent } from '../../lib/format';
import { APPROVAL_GOAL, chartRows } from './stats-rows';

/** The chart (default export, for React.lazy). */
export default function StatsChart({ stats }: { stats: StatsDto }) {
  return (
    <figure className="stats-chart" aria-label="Approved and dismissed suggestions per confidence, with the approval rate and the 50% goal">
      <ResponsiveContainer width="100%" height={220}>
        <ComposedChart data={chartRows(stats)} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="bucket" tick={{ fontSize: 11 }} interval={1} />
          <YAxis yAxisId="count" allowDecimals={false} tick={{ fontSize: 11 }} />
          <YAxis yAxisId="rate" orientation="right" domain={[0, 1]} tickFormatter={(value: number) => `${Math.round(value * 100)}%`} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(value, name) => (name === 'Approval rate' && typeof value === 'number' ? percent(value) : value)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="count" dataKey="approved" name="Approved" stackId="decided" fill="var(--ok)" isAnimationActive={false} />
          <Bar yAxisId="count" dataKey="dismissed" name="Dismissed" stackId="decided" fill="var(--track)" isAnimationActive={false} />
          <Line yAxisId="rate" dataKey="rate" name="Approval rate" stroke="var(--accent)" dot connectNulls isAnimationActive={false} />
          <ReferenceLine yAxisId="rate" y={APPROVAL_GOAL} stroke="var(--danger)" strokeDasharray="4 4" label={{ value: 'Goal 50%', position: 'insideTopRight', fontSize: 11 }} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
