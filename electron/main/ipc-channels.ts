export const INVOKE_CHANNEL = 'notify-desk:invoke';
export const EVENT_CHANNEL = 'notify-desk:event';
/** The window asks the main process to show its file dialog for an import. */
export const CHOOSE_IMPORT_FILE_CHANNEL = 'notify-desk:choose-import-file';
export const APP_SCHEME = 'app';
export const APP_HOST = 'notify-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const CHOOSE_WATCH_FOLDER_CHANNEL = 'notify-desk:choose-watch-folder';
export const SAVE_INBOX_DOWNLOAD_CHANNEL = 'notify-desk:save-inbox-download';
