/** "Snooze until…": later today, tomorrow morning, next week, or a moment the person picks. */
import { useState } from 'react';
import type { SnoozePreset } from '../../../shared/models';
import { Dialog } from './Dialog';

const PRESETS: Array<{ value: SnoozePreset; label: string }> = [
  { value: 'later_today', label: 'Later today' },
  { value: 'tomorrow_morning', label: 'Tomorrow morning' },
  { value: 'next_week', label: 'Next week' },
];

interface SnoozeDialogProps {
  title: string;
  onPick(until: SnoozePreset | string): void;
  onClose(): void;
}

/** Asks until when; presets are resolved in the app on the person's clock. */
export function SnoozeDialog({ title, onPick, onClose }: SnoozeDialogProps) {
  const [when, setWhen] = useState('');
  return (
    <Dialog title={`Snooze “${title}”`} onClose={onClose} className="snooze-dialog">
      <div className="snooze-options">
        {PRESETS.map((preset, index) => (
          <button key={preset.value} type="button" autoFocus={index === 0} onClick={() => onPick(preset.value)}>
            {preset.label}
          </button>
        ))}
      </div>
      <form
        className="form-row"
        onSubmit={(event) => {
          event.preventDefault();
          if (when) onPick(new Date(when).toISOString());
        }}
      >
        <label htmlFor="snooze-until">Until</label>
        <input id="snooze-until" type="datetime-local" value={when} onChange={(event) => setWhen(event.target.value)} />
        <button type="submit" disabled={!when}>
          Snooze until then
        </button>
      </form>
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
