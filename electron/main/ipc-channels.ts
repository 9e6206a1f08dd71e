export const INVOKE_CHANNEL = 'notify-desk:invoke';
export const EVENT_CHANNEL = 'notify-desk:event';
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://notify-desk';
export const CHOOSE_WATCH_FOLDER_CHANNEL = 'notify-desk:choose-watch-folder';
export const SAVE_INBOX_DOWNLOAD_CHANNEL = 'notify-desk:save-inbox-download';
