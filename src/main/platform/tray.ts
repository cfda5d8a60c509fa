/**
 * The tray icon: pending-suggestion count and tasks due today in the tooltip and menu, Open, Sync now,
 * Pause syncing, Quit. What to show is decided in plain Node (sync/notification-policy.ts); this only renders it.
 */
import { Menu, Tray, nativeImage } from 'electron';
import { join } from 'node:path';
import type { TrayModel } from '../services/desktop-models';
import { trayTooltip } from '../sync/notification-policy';

/** What the tray's menu items do. */
export interface TrayActions {
  open(): void;
  quit(): void;
}

/** Creates the tray and keeps it current; returns a function removing it. */
export function createAppTray(model: TrayModel, resourcesDir: string, actions: TrayActions): () => void {
  const tray = new Tray(nativeImage.createFromPath(join(resourcesDir, 'tray.png')));
  const render = () => {
    const pending = model.pendingCount();
    const paused = model.paused();
    const dueToday = model.dueTodayCount();
    tray.setToolTip(trayTooltip(pending, paused, dueToday));
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: pending > 0 ? `Open (${pending} waiting)` : 'Open', click: actions.open },
        { label: `${dueToday} due today`, enabled: false, visible: dueToday > 0 },
        { label: 'Sync now', enabled: !paused, click: () => model.syncNow() },
        { label: 'Pause syncing', type: 'checkbox', checked: paused, click: (item) => model.setPaused(item.checked) },
        { type: 'separator' },
        { label: 'Quit', click: actions.quit },
      ]),
    );
  };
  tray.on('click', actions.open);
  render();
  const unsubscribe = model.onChange(render);
  // "Due today" changes at midnight without any event.
  const midnight = setInterval(render, 5 * 60_000);
  return () => {
    clearInterval(midnight);
    unsubscribe();
    tray.destroy();
  };
}
