/** Settings → Learning: the personal model (with Reset) and what calibration did to auto-approve. */
import { useCallback, useEffect, useId, useState } from 'react';
import type { LearningStatusDto } from '../../../../shared/models';
import { api, errorMessage } from '../../api';
import { ConfirmDialog } from '../../components/Dialog';
import { useAppEvent } from '../../components/useEvent';
import { formatDateTime } from '../../lib/format';

/** The Learning section. */
export function LearningSettings() {
  const headingId = useId();
  const [status, setStatus] = useState<LearningStatusDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const load = useCallback(() => {
    api()
      .learningStatus()
      .then((value) => {
        setStatus(value);
        setError(null);
      })
      .catch((caught: unknown) => setError(errorMessage(caught)));
  }, []);
  useEffect(load, [load]);
  useAppEvent('suggestions:changed', load);
  useAppEvent('integrations:changed', load);

  const reset = async () => {
    setConfirming(false);
    try {
      setStatus(await api().learningReset());
      setError(null);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  const model = status?.personalModel;
  const auto = status?.autoApprove;
  return (
    <section className="settings-section" id="learning" aria-labelledby={headingId}>
      <h2 id={headingId}>Learning from your decisions</h2>
      {model && (
        <p>
          {model.decisions === 0
            ? 'Your personal model has not learned anything yet: the built-in model alone judges new items.'
            : `Your personal model has learned from ${model.decisions.toLocaleString()} decision${model.decisions === 1 ? '' : 's'} (last ${formatDateTime(model.updatedAt)}) and counts for ${Math.round(model.weight * 100)}% next to the built-in model.`}
        </p>
      )}
      <p className="muted">It lives only in your data folder. Approvals, edits and dismissals teach it; an undo takes its lesson back.</p>
      <div className="form-actions">
        <button type="button" className="danger" disabled={!model || model.decisions === 0} onClick={() => setConfirming(true)}>
          Reset personal model
        </button>
      </div>
      {auto && (
        <p role="status" className="calibration">
          {!auto.enabled
            ? 'Auto-approve is off.'
            : auto.explanation ?? `Auto-approve uses your threshold of ${Math.round(auto.settingThreshold * 100)}%: your recent decisions keep it right at least 90% of the time.`}
          {auto.kept + auto.undone > 0 && ` Recently auto-approved: ${auto.kept} kept, ${auto.undone} undone.`}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title="Reset your personal model?"
          message={<p>The app forgets what it learned from your decisions. Your rules, tasks and history stay.</p>}
          confirmLabel="Reset"
          danger
          onConfirm={() => void reset()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
