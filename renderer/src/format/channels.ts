import type { Channel } from '../../../shared/contract';

export const channelLabels: Record<Channel, string> = {
  sms: 'Text message',
  email: 'Email',
  letter: 'Letter',
};

export const channels: readonly Channel[] = ['sms', 'email', 'letter'];

export function isChannel(value: string | null): value is Channel {
  return value === 'sms' || value === 'email' || value === 'letter';
}
