/** A link to a public page opened in the system browser (main checks the address before opening it). */
import { useState, type ReactNode } from 'react';
import { api, errorMessage } from '../api';

/** Opens `url` externally; a refusal is said next to the link. */
export function ExternalLink({ url, children }: { url: string; children: ReactNode }) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="link external-link"
        title={url}
        onClick={() => {
          setProblem(null);
          void api()
            .shellOpenExternal({ url })
            .catch((error: unknown) => setProblem(errorMessage(error)));
        }}
      >
        {children}
        <span aria-hidden="true"> ↗</span>
        <span className="visually-hidden"> (opens in your browser)</span>
      </button>
      {problem && (
        <span className="form-error" role="alert">
          {problem}
        </span>
      )}
    </>
  );
}
