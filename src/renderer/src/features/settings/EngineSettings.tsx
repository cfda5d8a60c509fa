/** How suggestions are made: the engine (or privacy mode), the LLM endpoint and key, and auto-approval. */
import { useId, useState, type FormEvent } from 'react';
import type { AutoApproveStatus, EngineChoice, SettingsView } from '../../../../shared/models';
import { LlmTestButton } from './LlmTestButton';
import { SecretField } from './SecretField';
import { StatusLine, useSaver } from './useSaver';

const ENGINES: Array<{ value: EngineChoice; label: string; explanation: string }> = [
  { value: 'auto', label: 'Automatic', explanation: 'Uses your LLM when one is set up below, and the offline engine otherwise.' },
  { value: 'llm', label: 'LLM only', explanation: 'Always sends the trimmed text of new items to the LLM endpoint below.' },
  {
    value: 'offline',
    label: 'Offline (privacy mode)',
    explanation: 'Nothing leaves this computer: suggestions come from the built-in offline engine, which is less precise.',
  },
];

/** Engine, LLM and auto-approve sections. */
export function EngineSettings({ view }: { view: SettingsView }) {
  const prefix = useId();
  const engine = useSaver();
  const llm = useSaver();
  const auto = useSaver();
  const [baseUrl, setBaseUrl] = useState(view.settings.llmBaseUrl);
  const [model, setModel] = useState(view.settings.llmModel);
  const [threshold, setThreshold] = useState(Math.round(view.settings.autoApproveThreshold * 100));

  const saveLlm = (event: FormEvent) => {
    event.preventDefault();
    void llm.save({ llmBaseUrl: baseUrl.trim(), llmModel: model.trim() }, 'LLM settings saved.');
  };

  return (
    <>
      <section className="settings-section" aria-labelledby={`${prefix}-engine`}>
        <h2 id={`${prefix}-engine`}>Suggestion engine</h2>
        <fieldset className="radio-group">
          <legend className="visually-hidden">Engine</legend>
          {ENGINES.map((option) => (
            <label key={option.value} className="radio">
              <input type="radio" name={`${prefix}-engine-choice`} value={option.value} checked={engine.value('engine') === option.value} onChange={() => void engine.save({ engine: option.value }, `Engine: ${option.label}.`)} />
              <span>
                <strong>{option.label}</strong>
                <span className="muted"> — {option.explanation}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <StatusLine status={engine.status} />
      </section>

      <section className="settings-section" aria-labelledby={`${prefix}-llm`}>
        <h2 id={`${prefix}-llm`}>LLM</h2>
        <p className="muted">Any OpenAI-compatible endpoint (OpenAI, Ollama, LM Studio…), as its /v1 root.</p>
        <form onSubmit={saveLlm} className="settings-form" aria-label="LLM endpoint">
          <span className="field">
            <label htmlFor={`${prefix}-base`}>Endpoint URL</label>
            <input id={`${prefix}-base`} type="url" value={baseUrl} placeholder="https://api.openai.com/v1" onChange={(event) => setBaseUrl(event.target.value)} spellCheck={false} />
          </span>
          <span className="field">
            <label htmlFor={`${prefix}-model`}>Model</label>
            <input id={`${prefix}-model`} value={model} placeholder="gpt-4.1-mini" onChange={(event) => setModel(event.target.value)} spellCheck={false} />
          </span>
          <div className="form-actions">
            <button type="submit">Save endpoint and model</button>
            <StatusLine status={llm.status} />
          </div>
        </form>
        <SecretField name="llmApiKey" label="LLM API key" isSet={view.secretsSet.llmApiKey} />
        <div className="form-actions">
          <LlmTestButton />
        </div>
      </section>

      <section className="settings-section" aria-labelledby={`${prefix}-auto`}>
        <h2 id={`${prefix}-auto`}>Auto-approve</h2>
        <label className="check">
          <input type="checkbox" checked={auto.value('autoApproveEnabled') === true} onChange={(event) => void auto.save({ autoApproveEnabled: event.target.checked }, event.target.checked ? 'Auto-approve on.' : 'Auto-approve off.')} />
          Turn confident suggestions into tasks without asking
        </label>
        <span className="field">
          <label htmlFor={`${prefix}-threshold`}>Auto-approve at or above: {threshold}%</label>
          <input
            id={`${prefix}-threshold`}
            type="range"
            min={50}
            max={100}
            step={1}
            value={threshold}
            disabled={auto.value('autoApproveEnabled') !== true}
            onChange={(event) => setThreshold(Number(event.target.value))}
            onPointerUp={() => void auto.save({ autoApproveThreshold: threshold / 100 }, `Threshold ${threshold}%.`)}
            onKeyUp={() => void auto.save({ autoApproveThreshold: threshold / 100 }, `Threshold ${threshold}%.`)}
          />
        </span>
        <p className="muted">
          Only requests from people you wrote to or approved a request from are auto-approved; never one with a warning (such as hidden text in an email) or a
          request about payments, passwords or codes, gift cards, or sending data out.
        </p>
        <AutoApproveStatusList statuses={view.autoApprove ?? []} />
        <StatusLine status={auto.status} />
      </section>
    </>
  );
}

const KIND_LABEL: Record<string, string> = { email: 'Email', slack_message: 'Slack', calendar_event: 'Calendar', notion_page: 'Notion' };

/**
 * Where auto-approve applies, per engine and item kind: an engine auto-approves only where its
 * precision measured on held-out mail reached 90%, so each line says on, raised or off, and why.
 */
function AutoApproveStatusList({ statuses }: { statuses: AutoApproveStatus[] }) {
  if (statuses.length === 0) return null;
  const engines = [...new Set(statuses.map((s) => s.engine))];
  return (
    <div className="auto-approve-status" aria-label="Where auto-approve applies">
      {engines.map((engine) => (
        <div key={engine}>
          <h3>{engine === 'offline-v1' ? 'Offline engine' : `LLM (${engine})`}</h3>
          <ul>
            {statuses
              .filter((s) => s.engine === engine)
              .map((s) => (
                <li key={s.itemType}>
                  <strong>{KIND_LABEL[s.itemType] ?? s.itemType}:</strong> {s.enabled ? `on at ${Math.round(s.threshold * 100)}%` : 'off'} — <span className="muted">{s.reason}</span>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
