/** Sort and filter controls of the task list. */
import type { Priority, ProviderType, TaskDto } from '../../../../shared/models';
import { providerLabel } from '../../lib/format';
import { useTasksStore, type TaskView } from '../../stores/tasks-store';

const PRIORITIES: Priority[] = ['urgent', 'high', 'medium', 'low'];

/** Sort, priority, tag and source selectors; the choices come from the tasks present. */
export function TaskFilters({ tasks }: { tasks: readonly TaskDto[] }) {
  const view = useTasksStore((state) => state.view);
  const setView = useTasksStore((state) => state.setView);
  const tags = [...new Set(tasks.flatMap((task) => task.tags))].sort();
  const sources = [...new Set(tasks.map((task) => task.source?.provider).filter((provider): provider is ProviderType => provider !== undefined))];
  return (
    <div className="task-filters" role="group" aria-label="Sort and filter">
      <label className="inline-field">
        <span>Sort by</span>
        <select value={view.sort} onChange={(event) => setView({ sort: event.target.value as TaskView['sort'] })}>
          <option value="due">Due date</option>
          <option value="priority">Priority</option>
          <option value="created">Newest first</option>
        </select>
      </label>
      <label className="inline-field">
        <span>Priority filter</span>
        <select value={view.priority} onChange={(event) => setView({ priority: event.target.value as TaskView['priority'] })}>
          <option value="all">Any</option>
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {priority[0]!.toUpperCase() + priority.slice(1)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>Tag filter</span>
        <select value={view.tag} onChange={(event) => setView({ tag: event.target.value })}>
          <option value="all">Any</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>Source filter</span>
        <select value={view.source} onChange={(event) => setView({ source: event.target.value as TaskView['source'] })}>
          <option value="all">Any</option>
          <option value="manual">Added by hand</option>
          {sources.map((provider) => (
            <option key={provider} value={provider}>
              {providerLabel(provider)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
