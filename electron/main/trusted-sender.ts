import { APP_HOST, APP_SCHEME } from './ipc-channels';

/** Who sent a message from a window, as Electron describes it. */
export interface WindowSender {
  /** The URL of the frame that sent it (`event.senderFrame.url`); absent when the frame has gone. */
  frameUrl: string | undefined;
  /** Whether that frame is its page's top frame, not an iframe (such as the email preview). */
  isMainFrame: boolean;
  /** Whether the page is the app's own window. */
  fromAppWindow: boolean;
}

/** Whether a URL is one of the app's own pages (app://notify-desk/...), exactly: no other host, port or user. */
export function isAppUrl(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host === APP_HOST &&
    url.username === '' &&
    url.password === '' &&
    url.port === ''
  );
}

/** Only the app's own page, loaded from app://notify-desk/ in its top frame, may talk to the core. */
export function isTrustedSender(sender: WindowSender): boolean {
  return sender.fromAppWindow && sender.isMainFrame && sender.frameUrl !== undefined && isAppUrl(sender.frameUrl);
}
