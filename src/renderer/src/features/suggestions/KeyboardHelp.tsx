/** The `?` panel: every key of the feed. */
import { Dialog } from '../../components/Dialog';

/** Keys and what they do. */
export const FEED_KEYS: Array<[string, string]> = [
  ['j or ↓', 'Next suggestion'],
  ['k or ↑', 'Previous suggestion'],
  ['a', 'Approve (the selected ones, or the current one)'],
  ['d', 'Dismiss (the selected ones, or the current one)'],
  ['e', 'Edit the current one, then approve'],
  ['s', 'Snooze the current one (also on a task in Tasks)'],
  ['n', 'Never suggest from its sender (or domain, list, channel), and dismiss it'],
  ['x', 'Select or unselect the current one'],
  ['Shift + A', 'Approve everything at or above the batch threshold (asks first)'],
  ['u', 'Undo the last action'],
  ['Esc', 'Clear the selection'],
  ['/', 'Search this list'],
  ['q', 'Quick add a task, anywhere'],
  ['Ctrl/⌘ + K', 'Find tasks, suggestions, screens and actions'],
  ['?', 'Show these keys'],
];

/** Help dialog. */
export function KeyboardHelp({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="keys">
        <tbody>
          {FEED_KEYS.map(([key, action]) => (
            <tr key={key}>
              <th scope="row">
                <kbd>{key}</kbd>
              </th>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
