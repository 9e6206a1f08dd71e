// Notify's rules, implemented exactly as notifications-utils 127.0.0 and notifications-api decide them.
export * from './phone-number';
export * from './email-address';
export * from './recipient-format';
export * from './countries';
export * from './postal-address';
export * from './placeholders';
export * from './character-downgrade';
export * from './sms';
export * from './formatters';
export * from './typography';
export * from './markdown';
export * from './email-template';
export * from './letter-template';
export { encodeQrCode, qrCodeBytes, type ErrorCorrectionLevel, type QrCode, type QrCodeOptions } from './qr-code';
export { qrCodeSvg } from './qr-code-svg';
export * from './recipient-sheet';
export * from './notification-status';
export * from './london-time';
