import { randomUUID } from 'node:crypto';
import { SIMULATOR_INBOUND_NUMBER } from './constants';
import type { ReceivedTextSeed } from './seed-file';
import type { ReceivedTextView } from './types';
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

  constructor(
    private readonly serviceId: string,
    private readonly seeds: readonly ReceivedTextSeed[],
  ) {
    this.reseed();
  }

  /** Back to the seeded texts only, each as long ago as its seed says. */
  reseed(nowMs: number = Date.now()): void {
    this.texts = [...this.seeds]
      .sort((a, b) => b.minutesAgo - a.minutesAgo)
      .map((seed) => ({
        id: randomUUID(),
        userNumber: seed.userNumber,
        content: seed.content,
        createdMicros: (nowMs - seed.minutesAgo * 60_000) * 1000,
      }));
  }

  /** A text received now, from a number as Notify stores it (447…). */
  add(userNumber: string, content: string, nowMs: number = Date.now()): ReceivedText {
    const newest = this.texts[this.texts.length - 1];
    const createdMicros = Math.max(nowMs * 1000, (newest?.createdMicros ?? 0) + 1);
    const text: ReceivedText = { id: randomUUID(), userNumber, content, createdMicros };
    this.texts.push(text);
    return text;
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

  response(text: ReceivedText): ReceivedTextView {
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
