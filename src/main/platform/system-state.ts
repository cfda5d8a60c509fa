/** Feeds the OS's sleep/resume and online/offline signals to the scheduler, and applies launch-at-login. */
import { app, net, powerMonitor } from 'electron';
import type { SystemStateModel } from '../services/desktop-models';

/** Wires power and network events; returns a function removing the listeners. */
export function watchSystemState(model: SystemStateModel): () => void {
  const onSuspend = () => model.setSuspended('sleep', true);
  const onResume = () => {
    model.setSuspended('sleep', false);
    // Reminders that came due while asleep fire once, now.
    model.wake();
  };
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  // Electron has no online/offline event in main; poll the cheap net.isOnline() flag.
  const timer = setInterval(() => model.setSuspended('offline', !net.isOnline()), 30_000);
  const applyLogin = () => app.setLoginItemSettings({ openAtLogin: model.launchAtLogin(), openAsHidden: true });
  applyLogin();
  const unsubscribe = model.onChange(applyLogin);
  return () => {
    clearInterval(timer);
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('resume', onResume);
    unsubscribe();
  };
}
