/**
 * Native notifications. Buttons (a reminder's Done and Snooze) exist on macOS (signed app with the alert
 * style) and Windows; Linux notification servers get none from Electron, so there a click opens the
 * screen and the app's own reminder toast carries the buttons.
 */
import { Notification } from 'electron';
import type { AppNotification } from '../platform-services';

/** Shows a notification; `onClick` opens its screen. */
export function showNotification(notification: AppNotification, onClick: (screen: AppNotification['screen']) => void): void {
  if (!Notification.isSupported()) return;
  const withButtons = notification.actions && (process.platform === 'darwin' || process.platform === 'win32') ? notification.actions : [];
  const shown = new Notification({
    title: notification.title,
    body: notification.body,
    silent: false,
    actions: withButtons.map((action) => ({ type: 'button' as const, text: action.label })),
  });
  shown.on('click', () => onClick(notification.screen));
  shown.on('action', (details) => {
    const action = withButtons[details.actionIndex];
    if (action) notification.onAction?.(action.id);
  });
  shown.show();
}
