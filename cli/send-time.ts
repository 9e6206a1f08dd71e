import { DESK_TIME_ZONE, DESK_TIME_ZONE_NAME, formatDeskDateTime, readSendTime } from '../shared/desk-time';
import { UsageError } from './command';

export interface SendTimeOption {
  /** The instant, for the contract. */
  iso: string;
  /** What the desk understood, and in which time zone, for the person to check. */
  said: string;
}

/**
 * Reads --send-at as a person writes it ("tomorrow 9am", "2026-12-05 09:00", or an ISO time with its offset), in UK
 * time, and says back what it understood and the time zone it used.
 */
export function readSendAtOption(text: string | undefined): SendTimeOption | undefined {
  if (text === undefined) return undefined;
  const read = readSendTime(text);
  if (!read.ok) throw new UsageError(`--send-at: ${read.message}`);
  const zone = read.offsetGiven
    ? `the time as given, which is ${DESK_TIME_ZONE_NAME} (${DESK_TIME_ZONE})`
    : `${DESK_TIME_ZONE_NAME} (${DESK_TIME_ZONE})`;
  return { iso: read.iso, said: `to be sent on ${formatDeskDateTime(read.iso)}, ${zone}` };
}
