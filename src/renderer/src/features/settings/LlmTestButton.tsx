/** "Test connection" for the LLM endpoint, with its answer in a status line (Settings and the first run alike). */
import { useState } from 'react';
import { errorMessage } from '../../api';
import { useSettingsStore, type LlmTestResult } from '../../stores/settings-store';

/** The button and the line that says what the endpoint answered. */
export function LlmTestButton() {
  const [test, setTest] = useState<LlmTestResult | { ok: false; message: string } | null>(null);
  const [testing, setTesting] = useState(false);
  const run = async () => {
    setTesting(true);
    setTest(null);
    try {
      setTest(await useSettingsStore.getState().testLlm());
    } catch (error) {
      setTest({ ok: false, message: errorMessage(error) });
    } finally {
      setTesting(false);
    }
  };
  return (
    <>
      <button type="button" onClick={() => void run()} disabled={testing}>
        {testing ? 'Testing…' : 'Test connection'}
      </button>
      <span role="status" className={test === null ? '' : test.ok ? 'form-ok' : 'form-error'}>
        {test && (test.ok ? `Connected${'model' in test && test.model ? ` (${test.model})` : ''}: ${test.message}` : test.message)}
      </span>
    </>
  );
}
