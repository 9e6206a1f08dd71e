// The official Node client's other methods against the simulator: its three ways of being given a key and a
// URL, setProxy (through a real HTTP proxy on 127.0.0.1), setClient (an axios instance of the caller's) and
// prepareUpload.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { NotifyClient } from 'notifications-node-client';
import { createProxy } from 'proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED, startClientSuite, type ClientSuite } from './client-suite';

let suite: ClientSuite;
beforeAll(async () => {
  suite = await startClientSuite();
});
afterAll(() => suite.simulator.close());

describe('NotifyClient', () => {
  it('takes a base URL with a key, or with the service id and a key', async () => {
    const key = suite.simulator.apiKeys.live;
    const byServiceId = new NotifyClient(suite.simulator.url, suite.simulator.serviceId, key);
    expect((await byServiceId.getTemplateById(SEEDED.smsTemplate)).status).toBe(200);
    // The key name is not read: any 73 characters or more ending in the service id and secret will do.
    const renamed = new NotifyClient(suite.simulator.url, `another-name-${key.slice(-73)}`);
    expect((await renamed.getAllTemplates('sms')).data.templates).toHaveLength(1);
  });

  it('setProxy: requests go through the proxy', async () => {
    const proxy = createProxy(createServer());
    const proxied: string[] = [];
    proxy.on('request', (request: { url?: string }) => proxied.push(request.url ?? ''));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const client = new NotifyClient(suite.simulator.url, suite.simulator.apiKeys.live);
      client.setProxy({ protocol: 'http', host: '127.0.0.1', port: (proxy.address() as AddressInfo).port });
      const { status, data } = await client.sendSms(SEEDED.smsTemplate, '07700900123', {
        personalisation: { name: 'Ada', date: '1 May', parking: 'no' },
      });
      expect(status).toBe(201);
      expect((await client.getNotificationById(data.id)).data.id).toBe(data.id);
      expect(proxied).toEqual([
        `${suite.simulator.url}/v2/notifications/sms`,
        `${suite.simulator.url}/v2/notifications/${data.id}`,
      ]);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('setClient: requests go through the caller’s axios instance, answers and refusals alike', async () => {
    const instance = axios.create({ timeout: 10_000 });
    const seen: string[] = [];
    instance.interceptors.request.use((config) => {
      seen.push(`${config.method?.toUpperCase()} ${config.url}`);
      return config;
    });
    const client = new NotifyClient(suite.simulator.url, suite.simulator.apiKeys.live);
    client.setClient(instance);
    expect((await client.getReceivedTexts()).status).toBe(200);
    await expect(client.getTemplateById('x')).rejects.toMatchObject({ response: { status: 400 } });
    expect(seen).toEqual([
      `GET ${suite.simulator.url}/v2/received-text-messages`,
      `GET ${suite.simulator.url}/v2/template/x`,
    ]);
  });

  it('prepareUpload: the file object Notify takes, and the client’s own 2 MB limit', async () => {
    expect(suite.live.prepareUpload('a,b\n1,2\n')).toEqual({
      file: Buffer.from('a,b\n1,2\n').toString('base64'),
      filename: null,
      confirm_email_before_download: null,
      retention_period: null,
    });
    const file = suite.live.prepareUpload(Buffer.from('%PDF-1.4'), {
      filename: 'a.pdf',
      confirmEmailBeforeDownload: false,
      retentionPeriod: '1 week',
    });
    expect(file).toEqual({
      file: 'JVBERi0xLjQ=',
      filename: 'a.pdf',
      confirm_email_before_download: false,
      retention_period: '1 week',
    });
    const { status } = await suite.live.sendEmail(SEEDED.emailTemplate, 'a@example.com', {
      personalisation: { name: 'A', details: file },
    });
    expect(status).toBe(201);
    let thrown: unknown;
    try {
      suite.live.prepareUpload(Buffer.alloc(2 * 1024 * 1024 + 1));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBe('File is larger than 2MB.');
  });
});
