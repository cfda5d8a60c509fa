/** Renaming an account and picking its colour: what the feed shows next to its items. */
import { useId, useState } from 'react';
import type { AccountDto } from '../../../../shared/models';
import { useAccountsStore } from '../../stores/accounts-store';

/** The colours offered (the same palette new accounts get, in order). */
const COLOURS: Array<[string, string]> = [
  ['#1a73e8', 'Blue'],
  ['#d93025', 'Red'],
  ['#188038', 'Green'],
  ['#e37400', 'Orange'],
  ['#9334e6', 'Purple'],
  ['#007b83', 'Teal'],
  ['#b06000', 'Brown'],
  ['#c5221f', 'Crimson'],
];

/** A small form: label and colour of an account. */
export function AccountAppearance({ account }: { account: AccountDto }) {
  const [open, setOpen] = useState(false);
  const [label, setLabel] = useState(account.label);
  const [colour, setColour] = useState(account.colour);
  const prefix = useId();
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} aria-label={`Label and colour of ${account.label}`}>
        Label and colour
      </button>
    );
  }
  return (
    <form
      className="account-appearance"
      onSubmit={(event) => {
        event.preventDefault();
        if (label.trim() === '') return;
        void useAccountsStore.getState().update(account.id, { label: label.trim(), colour });
        setOpen(false);
      }}
    >
      <label htmlFor={`${prefix}-label`}>Label</label>
      <input id={`${prefix}-label`} value={label} maxLength={60} onChange={(event) => setLabel(event.target.value)} autoFocus />
      <label htmlFor={`${prefix}-colour`}>Colour</label>
      <select id={`${prefix}-colour`} value={colour} onChange={(event) => setColour(event.target.value)}>
        {COLOURS.map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
      <button type="submit" className="primary" disabled={label.trim() === ''}>
        Save
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
