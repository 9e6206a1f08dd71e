import { shell, type Session, type WebContents } from 'electron';
import { isAllowedExternalLink } from './external-links';
import { isAppUrl } from './trusted-sender';

/** No permission (camera, notifications, geolocation, ...) is ever granted to a page. */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * A page stays on the app's own pages: no navigation or redirect elsewhere, no webview, no new window. A link to
 * GOV.UK or Notify's own pages opens in the person's browser; any other link does nothing.
 */
export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
