import { NotifyClient } from 'notifications-node-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_TEMPLATE_IDS, startSimulator, type RunningSimulator } from '../../../simulator/index';
import { errorMessagesOf } from './helpers';

const EMAIL = SEEDED_TEMPLATE_IDS.passThroughEmail;

let simulator: RunningSimulator;
let live: NotifyClient;

beforeAll(async () => {
  simulator = await startSimulator({ quiet: true });
  live = new NotifyClient(simulator.url, simulator.apiKeys.live);
});
afterAll(() => simulator.close());

describe('sanitise_content_for', () => {
  it('removes URLs, breaks up bare hosts, escapes markdown, and reports only what changed', async () => {
    const { data } = await live.sendEmail(EMAIL, 'a@example.com', {
      personalisation: {
        subject: 'Hello',
        body: 'User, [click here](https://evil.link)',
        'Site-Name': 'example.com',
        plain: 'Ada',
      },
      sanitiseContentFor: ['BODY', 'site name', 'plain'],
    });
    expect(data.sanitised_content).toEqual({
      body: { unsanitised: 'User, [click here](https://evil.link)', sanitised: 'User, \\[click here\\]\\(\\)' },
      'Site-Name': { unsanitised: 'example.com', sanitised: 'example\\. com' },
    });
    expect(data.content.body).toBe('User, \\[click here\\]\\(\\)');
  });
});

describe('files by email', () => {
  it('replaces a file object with a document link', async () => {
    const file = live.prepareUpload(Buffer.from('%PDF-1.4 a document'), { filename: 'letter.pdf' });
    const { status, data } = await live.sendEmail(EMAIL, 'a@example.com', {
      personalisation: { subject: 'Your file', body: file },
    });
    expect(status).toBe(201);
    expect(data.content.body).toMatch(
      new RegExp(`^https://documents\\.service\\.gov\\.uk/d/${simulator.serviceId}/[0-9a-f-]{36}\\?key=[\\w-]+$`),
    );
  });

  it('checks the file object and refuses files for text messages', async () => {
    const file = { file: 'JVBERi0=', filename: 'no-extension' };
    expect(
      await errorMessagesOf(live.sendEmail(EMAIL, 'a@example.com', { personalisation: { subject: 's', body: file } })),
    ).toEqual([['ValidationError', '`filename` must end with a file extension. For example, filename.csv']]);
    const badRetention = { file: 'JVBERi0=', retention_period: '99 weeks' };
    expect(
      await errorMessagesOf(
        live.sendEmail(EMAIL, 'a@example.com', { personalisation: { subject: 's', body: badRetention } }),
      ),
    ).toEqual([
      [
        'ValidationError',
        'Unsupported value for retention_period: 99 weeks. Supported periods are from 1 to 78 weeks.',
      ],
    ]);
    expect(
      await errorMessagesOf(
        live.sendSms(SEEDED_TEMPLATE_IDS.passThroughSms, '07700900999', {
          personalisation: { body: { file: 'JVBERi0=' } },
        }),
      ),
    ).toEqual([['BadRequestError', 'Can only send a file by email']]);
  });
});
