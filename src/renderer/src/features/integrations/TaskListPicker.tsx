/** Where approved tasks go in Google Tasks: the person picks one of their lists. */
import { useEffect, useId, useState } from 'react';
import type { IntegrationDto } from '../../../../shared/models';
import { api, errorMessage } from '../../api';
import { useIntegrationsStore } from '../../stores/integrations-store';

/** The list picker of a connected Google Tasks service. */
export function TaskListPicker({ integration }: { integration: IntegrationDto }) {
  const id = useId();
  const [lists, setLists] = useState<Array<{ id: string; title: string }> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api()
      .integrationsTaskLists({ integrationId: integration.id })
      .then((found) => live && setLists(found))
      .catch((caught: unknown) => live && setError(errorMessage(caught)));
    return () => {
      live = false;
    };
  }, [integration.id]);
  const chosen = integration.settings.taskListId ?? '@default';
  return (
    <div className="task-list-picker">
      <label htmlFor={id}>Approved tasks go to</label>
      <select
        id={id}
        value={chosen}
        disabled={lists === null}
        onChange={(event) => void useIntegrationsStore.getState().updateSettings(integration.id, { taskListId: event.target.value }).catch((caught: unknown) => setError(errorMessage(caught)))}
      >
        <option value="@default">Default list</option>
        {(lists ?? []).map((list) => (
          <option key={list.id} value={list.id}>
            {list.title}
          </option>
        ))}
      </select>
      {error && <p className="form-error">{error}</p>}
    </div>
  );
}
