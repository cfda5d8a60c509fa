/**
 * The command palette (Ctrl/Cmd+K): one box that finds tasks and suggestions (full-text, matched words
 * marked), screens and actions. Arrows move, Enter runs, Escape closes.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { SuggestionDto, TaskDto } from '../../../../shared/models';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Marked } from '../../components/Marked';
import { useFeedStore } from '../../stores/suggestions-store';
import { useTasksStore } from '../../stores/tasks-store';
import { useUiStore } from '../../stores/ui-store';
import { filterEntries, staticEntries, type PaletteEntry } from './palette-entries';

const RESULTS = 5;
const SEARCH_DELAY_MS = 120;

interface Found {
  tasks: TaskDto[];
  suggestions: SuggestionDto[];
}

/** The palette window. */
export function CommandPalette({ onClose }: { onClose(): void }) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<Found>({ tasks: [], suggestions: [] });
  const [active, setActive] = useState(0);
  const listId = useId();

  useEffect(() => {
    let current = true;
    const query = text.trim();
    const timer = setTimeout(() => {
      if (query.length < 2) return setFound({ tasks: [], suggestions: [] });
      Promise.all([api().tasksList({ query, limit: RESULTS }), api().suggestionsList({ query, limit: RESULTS })])
        .then(([tasks, suggestions]) => current && setFound({ tasks, suggestions: suggestions.items }))
        .catch(() => current && setFound({ tasks: [], suggestions: [] }));
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);

  const entries = useMemo(() => {
    const query = text.trim();
    const ui = useUiStore.getState();
    const tasks: PaletteEntry[] = found.tasks.map((task) => ({
      id: `task:${task.id}`,
      kind: 'Task',
      label: task.title,
      marks: task.highlights?.title,
      run: () => {
        ui.navigate('tasks');
        useTasksStore.getState().setView({ query, status: task.status === 'done' ? 'all' : 'open' });
      },
    }));
    const suggestions: PaletteEntry[] = found.suggestions.map((item) => ({
      id: `suggestion:${item.id}`,
      kind: 'Suggestion',
      label: item.title,
      marks: item.highlights?.title,
      run: () => {
        ui.navigate('suggestions');
        void useFeedStore.getState().setFilters({ view: 'pending_approval', query });
      },
    }));
    return [...tasks, ...suggestions, ...filterEntries(staticEntries(), query)];
  }, [found, text]);

  const current = Math.min(active, Math.max(0, entries.length - 1));
  const run = (entry: PaletteEntry | undefined) => {
    if (!entry) return;
    onClose();
    entry.run();
  };

  return (
    <Dialog title="Go to or do…" onClose={onClose} className="palette">
      <input
        type="text"
        role="combobox"
        aria-label="Find tasks, suggestions, screens and actions"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={entries[current] ? `${listId}-${current}` : undefined}
        autoFocus
        autoComplete="off"
        maxLength={500}
        value={text}
        placeholder="Find tasks, suggestions, screens and actions"
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            const step = event.key === 'ArrowDown' ? 1 : -1;
            setActive((current + step + entries.length) % Math.max(1, entries.length));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            run(entries[current]);
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label="Results" className="palette-results">
        {entries.map((entry, index) => (
          <li
            key={entry.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === current}
            className={index === current ? 'active' : undefined}
            onMouseEnter={() => setActive(index)}
            onClick={() => run(entry)}
          >
            <span className="palette-kind">{entry.kind}</span>
            <span className="palette-label">
              <Marked text={entry.label} ranges={entry.marks} />
            </span>
            {entry.hint && <kbd>{entry.hint}</kbd>}
          </li>
        ))}
        {entries.length === 0 && <li className="muted">Nothing found.</li>}
      </ul>
    </Dialog>
  );
}
