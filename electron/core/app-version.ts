/** notify-desk's version, as package.json gives it: shown by --version and in Settings, and sent to Notify. */
export const APP_VERSION = '0.1.0';
