/** The app shell: navigation between the five screens, toasts, and event subscriptions. */
import { useEffect } from 'react';
import { getApi, launchLinkProblem } from './api';
import { ReminderToasts } from './components/ReminderToasts';
import { StartupNotices } from './components/StartupNotices';
import { Toasts } from './components/Toasts';
import { useGlobalKeys } from './components/useGlobalKeys';
import { ActivityScreen } from './features/activity/ActivityScreen';
import { IntegrationsScreen } from './features/integrations/IntegrationsScreen';
import { CommandPalette } from './features/palette/CommandPalette';
import { QuickAddDialog } from './features/quick-add/QuickAddDialog';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { GuidedSetupDialog } from './features/setup/GuidedSetupDialog';
import { SuggestionsScreen } from './features/suggestions/SuggestionsScreen';
import { ExportDialog } from './features/tasks/ExportDialog';
import { TasksScreen } from './features/tasks/TasksScreen';
import { WelcomeScreen } from './features/welcome/WelcomeScreen';
import { useIntegrationsStore } from './stores/integrations-store';
import { useOnboardingStore } from './stores/onboarding-store';
import type { Screen } from '../../shared/models';
import { SCREEN_LABELS, useUiStore } from './stores/ui-store';

const SCREENS = Object.entries(SCREEN_LABELS).map(([id, label]) => ({ id: id as Screen, label }));

function NoApi() {
  return (
    <main className="no-api">
      <h1>Provider Tasks</h1>
      {launchLinkProblem() && <p role="alert">{launchLinkProblem()}</p>}
      <p>This page was opened without a connection to the app. Open the address printed by <code>npm run web</code> or <code>npm run host</code> (it ends in <code>#token=…</code>).</p>
    </main>
  );
}

/** Shows a screen; leaving the first-run flow this way does not dismiss it for good. */
function go(screen: Screen): void {
  void useOnboardingStore.getState().close(false);
  useUiStore.getState().navigate(screen);
}

/** Root component. */
export function App() {
  const screen = useUiStore((state) => state.screen);
  const navigate = useUiStore((state) => state.navigate);
  const welcome = useOnboardingStore((state) => state.open);
  const overlay = useUiStore((state) => state.overlay);
  const closeOverlay = useUiStore((state) => state.setOverlay);
  const apiAvailable = getApi() !== null;
  useGlobalKeys();

  useEffect(() => {
    const api = getApi();
    if (!api) return;
    // A screen asked for by link (?screen=tasks) is shown as asked, first run or not.
    void useOnboardingStore.getState().start(new URLSearchParams(window.location.search).has('screen'));
    const offNavigate = api.onEvent('app:navigate', ({ screen: target }) => go(target));
    // The palette and reminders navigate too: any navigation shows the screen asked for, in front of the first-run flow.
    const offLeaveWelcome = useUiStore.subscribe((state, previous) => {
      if (state.navigations !== previous.navigations && useOnboardingStore.getState().open) void useOnboardingStore.getState().close(false);
    });
    // Progress is kept app-wide, so a sync started on the dashboard still shows when the person comes back.
    const offProgress = api.onEvent('sync:progress', (payload) => useIntegrationsStore.getState().onProgress(payload));
    return () => {
      offNavigate();
      offLeaveWelcome();
      offProgress();
    };
  }, [navigate]);

  if (!apiAvailable) return <NoApi />;
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Screens">
        <div className="brand">Provider Tasks</div>
        <ul>
          {SCREENS.map((entry) => (
            <li key={entry.id}>
              <button type="button" className={!welcome && entry.id === screen ? 'nav-item active' : 'nav-item'} aria-current={!welcome && entry.id === screen ? 'page' : undefined} onClick={() => go(entry.id)}>
                {entry.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" id="main">
        <StartupNotices />
        {welcome ? (
          <WelcomeScreen />
        ) : (
          <>
            {screen === 'suggestions' && <SuggestionsScreen />}
            {screen === 'tasks' && <TasksScreen />}
            {screen === 'integrations' && <IntegrationsScreen />}
            {screen === 'activity' && <ActivityScreen />}
            {screen === 'settings' && <SettingsScreen />}
          </>
        )}
      </main>
      <GuidedSetupDialog />
      <ReminderToasts />
      <Toasts />
      {overlay === 'palette' && <CommandPalette onClose={() => closeOverlay(null)} />}
      {overlay === 'quick-add' && <QuickAddDialog onClose={() => closeOverlay(null)} />}
      {overlay === 'export' && <ExportDialog onClose={() => closeOverlay(null)} />}
    </div>
  );
}
