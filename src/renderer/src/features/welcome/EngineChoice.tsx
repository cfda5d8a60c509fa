/** The first-run engine choice: offline by default; an LLM endpoint optional, with Test connection. */
import { useId, useState, type FormEvent } from 'react';
import type { SettingsView } from '../../../../shared/models';
import { LlmTestButton } from '../settings/LlmTestButton';
import { SecretField } from '../settings/SecretField';
import { StatusLine, useSaver } from '../settings/useSaver';

/** True when suggestions would come from the offline engine with these settings (an LLM needs an endpoint or key). */
export function usesOffline(view: SettingsView): boolean {
  const { engine, llmBaseUrl } = view.settings;
  return engine === 'offline' || (engine === 'auto' && llmBaseUrl.trim() === '' && !view.secretsSet.llmApiKey);
}

/** Offline or LLM, saved as the engine setting (`offline`, or `auto`: the LLM once one is set up). */
export function EngineChoice({ view }: { view: SettingsView }) {
  const prefix = useId();
  const saver = useSaver();
  const [choice, setChoice] = useState<'offline' | 'llm'>(usesOffline(view) ? 'offline' : 'llm');
  const [baseUrl, setBaseUrl] = useState(view.settings.llmBaseUrl);
  const [model, setModel] = useState(view.settings.llmModel);

  const pick = (next: 'offline' | 'llm') => {
    setChoice(next);
    void saver.save({ engine: next === 'offline' ? 'offline' : 'auto' }, next === 'offline' ? 'Suggestions will be made offline.' : 'Suggestions will use your LLM once it is set up below.');
  };
  const saveEndpoint = (event: FormEvent) => {
    event.preventDefault();
    void saver.save({ llmBaseUrl: baseUrl.trim(), llmModel: model.trim() }, 'Endpoint saved.');
  };

  return (
    <div className="engine-choice">
      <fieldset className="radio-group">
        <legend>How suggestions are made</legend>
        <label className="radio">
          <input type="radio" name={`${prefix}-engine`} checked={choice === 'offline'} onChange={() => pick('offline')} />
          <span>
            <strong>Offline engine</strong> (default)<span className="muted"> — runs on this computer; nothing is sent anywhere.</span>
          </span>
        </label>
        <label className="radio">
          <input type="radio" name={`${prefix}-engine`} checked={choice === 'llm'} onChange={() => pick('llm')} />
          <span>
            <strong>An LLM endpoint</strong>
            <span className="muted"> — more precise; the trimmed text of new items goes to the endpoint you choose (OpenAI, or Ollama / LM Studio on this computer).</span>
          </span>
        </label>
      </fieldset>
      {choice === 'llm' && (
        <div className="llm-setup">
          <form onSubmit={saveEndpoint} className="settings-form" aria-label="LLM endpoint">
            <span className="field">
              <label htmlFor={`${prefix}-base`}>Endpoint URL (its /v1 root)</label>
              <input id={`${prefix}-base`} type="url" value={baseUrl} placeholder="https://api.openai.com/v1" onChange={(event) => setBaseUrl(event.target.value)} spellCheck={false} />
            </span>
            <span className="field">
              <label htmlFor={`${prefix}-model`}>Model</label>
              <input id={`${prefix}-model`} value={model} placeholder="gpt-4.1-mini" onChange={(event) => setModel(event.target.value)} spellCheck={false} />
            </span>
            <div className="form-actions">
              <button type="submit">Save endpoint</button>
            </div>
          </form>
          <SecretField name="llmApiKey" label="LLM API key" isSet={view.secretsSet.llmApiKey} />
          <div className="form-actions">
            <LlmTestButton />
          </div>
        </div>
      )}
      <StatusLine status={saver.status} />
    </div>
  );
}
