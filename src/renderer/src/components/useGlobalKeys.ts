/** App-wide shortcuts: `/` focuses the search box of the list shown, Ctrl/Cmd+K the palette, `q` quick add. */
import { useEffect } from 'react';
import { isTyping } from '../lib/keys';
import { useUiStore } from '../stores/ui-store';
import { SEARCH_BOX_ID } from './SearchBox';

/** Listens on the document for as long as the shell is mounted. */
export function useGlobalKeys(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const ui = useUiStore.getState();
      // The palette opens from anywhere, even from a text field, as in editors and browsers.
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        if (!document.querySelector('dialog[open]') || ui.overlay === 'palette') ui.setOverlay(ui.overlay === 'palette' ? null : 'palette');
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || document.querySelector('dialog[open]')) return;
      if (event.key === '/') {
        const box = document.getElementById(SEARCH_BOX_ID);
        if (box) {
          event.preventDefault();
          box.focus();
        }
      } else if (event.key === 'q') {
        event.preventDefault();
        ui.setOverlay('quick-add');
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
