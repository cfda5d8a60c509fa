/**
 * Whether an IPC message comes from our own top-level page. Electron gives the frame that sent it;
 * a null frame (navigated away or destroyed), a subframe, or a foreign URL is refused.
 */
import { isAppUrl } from './window-policy';

/** The parts of Electron's WebFrameMain the guard reads. */
export interface SenderFrameLike {
  url: string;
  parent: unknown | null;
}

/** Why a sender is refused, or null when it is our main frame. */
export function senderFrameProblem(frame: SenderFrameLike | null | undefined, appEntryUrl: string): string | null {
  if (!frame) return 'no sender frame';
  if (frame.parent !== null) return 'sent from a subframe';
  if (!isAppUrl(frame.url, appEntryUrl)) return 'sent from a page that is not the app';
  return null;
}
