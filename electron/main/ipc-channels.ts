export const INVOKE_CHANNEL = 'notify-desk:invoke';
export const EVENT_CHANNEL = 'notify-desk:event';
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://notify-desk';
