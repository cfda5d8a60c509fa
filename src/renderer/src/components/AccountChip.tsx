/** The colour and label of an account, as the feed and the Google account card show them. */
export function AccountChip({ label, colour }: { label: string; colour: string }) {
  return (
    <span className="account-chip">
      <span className="account-dot" aria-hidden="true" style={{ background: colour }} />
      {label}
    </span>
  );
}
