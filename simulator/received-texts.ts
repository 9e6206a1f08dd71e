import { randomUUID } from 'node:crypto';
import { SIMULATOR_INBOUND_NUMBER } from './constants';
import { SEEDED_RECEIVED_TEXTS } from './seed-data';
import { formatMicros, type Micros } from './timestamps';

export interface ReceivedText {
  id: string;
  userNumber: string;
  content: string;
  createdMicros: Micros;
}

/** Inbound texts to the service's number, oldest first. */
export class ReceivedTexts {
  private texts: ReceivedText[] = [];

  constructor(private readonly serviceId: string) {
    this.reseed();
  }

  reseed(nowMs: number = Date.now()): void {
    this.texts = [...SEEDED_RECEIVED_TEXTS]
      .sort((a, b) => b.minutesAgo - a.minutesAgo)
      .map((seed) => ({
        id: randomUUID(),
        userNumber: seed.userNumber,
        content: seed.content,
        createdMicros: (nowMs - seed.minutesAgo * 60_000) * 1000,
      }));
  }

  /** Newest first, strictly older than the given text (an unknown id gives an empty page). */
  page(olderThanId: string | undefined, pageSize: number): ReceivedText[] {
    let end = this.texts.length;
    if (olderThanId !== undefined) {
      end = this.texts.findIndex((text) => text.id === olderThanId);
      if (end < 0) return [];
    }
    return this.texts.slice(Math.max(0, end - pageSize), end).reverse();
  }

  response(text: ReceivedText): Record<string, unknown> {
    return {
      id: text.id,
      user_number: text.userNumber,
      notify_number: SIMULATOR_INBOUND_NUMBER,
      created_at: formatMicros(text.createdMicros),
      service_id: this.serviceId,
      content: text.content,
    };
  }
}
