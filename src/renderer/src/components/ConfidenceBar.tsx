/** Confidence as a bar and a number, so it reads without colour. */
import { percent } from '../lib/format';

/** A 0..1 confidence. */
export function ConfidenceBar({ value }: { value: number }) {
  const level = value >= 0.85 ? 'high' : value >= 0.6 ? 'mid' : 'low';
  return (
    <span className={`confidence confidence-${level}`} title={`Confidence ${percent(value)}`}>
      <span className="confidence-track" aria-hidden="true">
        <span className="confidence-fill" style={{ width: percent(value) }} />
      </span>
      <span className="confidence-number">
        <span className="visually-hidden">Confidence </span>
        {percent(value)}
      </span>
    </span>
  );
}
