/** Settings persisted by electron-store in the app's user-data folder (never secrets). */
import Store from 'electron-store';
import type { AppSettings } from '../../shared/models';
import type { SettingsBackend } from '../settings/settings-store';

/** A settings backend over electron-store. */
export function createElectronStoreBackend(): SettingsBackend {
  const store = new Store<{ settings: Partial<AppSettings> }>({ name: 'settings', defaults: { settings: {} }, configFileMode: 0o600 });
  return {
    read: () => store.get('settings'),
    write: (settings) => store.set('settings', settings),
  };
}
