/** Feeds the OS's sleep/resume and online/offline signals to the scheduler, and applies launch-at-login. */
import { app, net, powerMonitor } from 'electron';
import type { Core } from '../core';

/** Wires power and network events; returns a function removing the listeners. */
export function watchSystemState(core: Core): () => void {
  const scheduler = core.services.scheduler;
  const onSuspend = () => scheduler.setSuspended('sleep', true);
  const onResume = () => {
    scheduler.setSuspended('sleep', false);
    // Reminders that came due while asleep fire once, now.
    core.services.reminders.wake();
  };
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  // Electron has no online/offline event in main; poll the cheap net.isOnline() flag.
  const timer = setInterval(() => scheduler.setSuspended('offline', !net.isOnline()), 30_000);
  const applyLogin = () => app.setLoginItemSettings({ openAtLogin: core.settings.get().launchAtLogin, openAsHidden: true });
  applyLogin();
  const unsubscribe = core.events.subscribe((event) => {
    if (event === 'integrations:changed') applyLogin();
  });
  return () => {
    clearInterval(timer);
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('resume', onResume);
    unsubscribe();
  };
}
