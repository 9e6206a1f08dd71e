export * from './api-key';
export * from './errors';
export * from './jwt';
export * from './notify-client';
export * from './schemas';
