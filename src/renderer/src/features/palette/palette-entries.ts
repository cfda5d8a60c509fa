/** What the command palette offers besides search results: screens and actions, matched by words. */
import type { Screen, TextRange } from '../../../../shared/models';
import { useFeedStore } from '../../stores/suggestions-store';
import { useTasksStore } from '../../stores/tasks-store';
import { SCREEN_LABELS, useUiStore } from '../../stores/ui-store';

/** One line of the palette. */
export interface PaletteEntry {
  id: string;
  label: string;
  /** "Screen", "Action", "Task", "Suggestion". */
  kind: string;
  hint?: string;
  /** The words of the label a search matched. */
  marks?: TextRange[];
  run(): void;
}

const SCREENS = Object.entries(SCREEN_LABELS).map(([screen, label]) => ({ screen: screen as Screen, label }));

/** Every screen and action. */
export function staticEntries(): PaletteEntry[] {
  const ui = useUiStore.getState();
  const go = (screen: Screen) => () => ui.navigate(screen);
  return [
    { id: 'action:quick-add', kind: 'Action', label: 'Quick add a task', hint: 'q', run: () => ui.setOverlay('quick-add') },
    {
      id: 'action:export',
      kind: 'Action',
      label: 'Export tasks',
      run: () => {
        ui.navigate('tasks');
        ui.setOverlay('export');
      },
    },
    {
      id: 'action:snoozed-tasks',
      kind: 'Action',
      label: 'Show snoozed tasks',
      run: () => {
        ui.navigate('tasks');
        useTasksStore.getState().setView({ status: 'snoozed' });
      },
    },
    {
      id: 'action:snoozed-suggestions',
      kind: 'Action',
      label: 'Show snoozed suggestions',
      run: () => {
        ui.navigate('suggestions');
        void useFeedStore.getState().setFilters({ view: 'snoozed' });
      },
    },
    { id: 'action:reminders', kind: 'Action', label: 'Reminder settings', run: () => ui.navigate('settings', 'reminders-heading') },
    ...SCREENS.map(({ screen, label }) => ({ id: `screen:${screen}`, kind: 'Screen', label: `Go to ${label}`, run: go(screen) })),
  ];
}

/** Entries whose label holds every word typed (case-insensitive, no patterns). */
export function filterEntries(entries: readonly PaletteEntry[], text: string): PaletteEntry[] {
  const words = text.toLowerCase().split(' ').filter(Boolean);
  return entries.filter((entry) => words.every((word) => entry.label.toLowerCase().includes(word)));
}
