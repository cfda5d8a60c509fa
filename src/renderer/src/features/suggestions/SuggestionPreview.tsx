/** The source item of a suggestion: one line of context for the row, the full preview for the detail pane and dialogs. */
import type { ItemPreview } from '../../../../shared/models';
import { formatDateTime } from '../../lib/format';

function sender(preview: Extract<ItemPreview, { kind: 'email' }>): string {
  return preview.fromName ? `${preview.fromName} <${preview.from}>` : preview.from;
}

function eventTime(preview: Extract<ItemPreview, { kind: 'calendar_event' }>): string {
  const start = formatDateTime(preview.start);
  const end = formatDateTime(preview.end);
  if (!start) return 'No time given';
  return end ? `${start} – ${end}` : start;
}

/** The row's context: where it came from, in one line (the text itself is in the detail pane). */
export function PreviewSource({ preview }: { preview: ItemPreview | null }) {
  if (!preview) return <span className="muted">No preview of the source</span>;
  switch (preview.kind) {
    case 'email':
      return (
        <span className="row-source">
          <span className="source-kind">Email</span> from <strong>{preview.fromName ?? preview.from}</strong> · <span>{preview.subject || '(no subject)'}</span>
        </span>
      );
    case 'calendar_event':
      return (
        <span className="row-source">
          <span className="source-kind">Event</span> <strong>{preview.title}</strong> · <span>{eventTime(preview)}</span>
        </span>
      );
    case 'slack_message':
      return (
        <span className="row-source">
          <span className="source-kind">Slack</span> <span>{preview.channel}</span> · <strong>{preview.author}</strong>: <span>{preview.text}</span>
        </span>
      );
  }
}

/** Everything the preview holds, as a description list. */
export function PreviewDetails({ preview }: { preview: ItemPreview | null }) {
  if (!preview) return <p className="muted">No preview of the source.</p>;
  switch (preview.kind) {
    case 'email':
      return (
        <dl className="preview-details">
          <dt>From</dt>
          <dd>{sender(preview)}</dd>
          <dt>Subject</dt>
          <dd>{preview.subject || '(no subject)'}</dd>
          <dt>Date</dt>
          <dd>{formatDateTime(preview.date) || 'Unknown'}</dd>
          <dt>Snippet</dt>
          <dd className="preview-text">{preview.snippet}</dd>
        </dl>
      );
    case 'calendar_event':
      return (
        <dl className="preview-details">
          <dt>Event</dt>
          <dd>{preview.title}</dd>
          <dt>When</dt>
          <dd>{eventTime(preview)}</dd>
          <dt>Where</dt>
          <dd>{preview.location ?? 'No location'}</dd>
          <dt>Attendees</dt>
          <dd>
            {preview.attendees.length === 0 ? (
              'None'
            ) : (
              <ul className="attendees">
                {preview.attendees.map((attendee) => (
                  <li key={attendee}>{attendee}</li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      );
    case 'slack_message':
      return (
        <dl className="preview-details">
          <dt>Channel</dt>
          <dd>{preview.channel}</dd>
          <dt>Author</dt>
          <dd>{preview.author}</dd>
          <dt>Date</dt>
          <dd>{formatDateTime(preview.date) || 'Unknown'}</dd>
          <dt>Message</dt>
          <dd className="preview-text">{preview.text}</dd>
        </dl>
      );
  }
}
