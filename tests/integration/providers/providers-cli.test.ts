import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/processes';
import { SmppStandIn } from '../../helpers/smpp-stand-in';
import { SmtpStandIn } from '../../helpers/smtp-stand-in';
import { makeTempDir } from '../../helpers/temp-dir';
import { makeTestCertificates } from '../../helpers/test-certificates';
import { TwilioStandIn } from '../../helpers/twilio-stand-in';

const folder = makeTempDir();
const env = {
  ...process.env,
  NOTIFY_DESK_DATA_DIR: folder.path,
  NOTIFY_DESK_KEYCHAIN_SERVICE: `notify-desk-test-${randomUUID()}`,
};
const cli = (args: string[], input?: string) => runCli(args, { env, input });
let gateway: SmppStandIn;
let relay: SmtpStandIn;
let http: TwilioStandIn;

beforeAll(async () => {
  // Receipts come late: after the first run has gone, while no session is open, so the gateway keeps them.
  gateway = await SmppStandIn.start({
    systemId: 'desk',
    password: 'secret',
    receipts: { idFormat: 'decimal', tlv: false, afterMs: 1_500, stat: () => 'DELIVRD' },
  });
  relay = await SmtpStandIn.start({ tls: makeTestCertificates(folder.path).serverTls });
  http = await TwilioStandIn.start({ accountSid: 'AC00000000000000000000000000000003', authToken: 'token' });
});
afterAll(async () => {
  for (const name of ['gateway', 'relay', 'twilio']) await cli(['provider', 'remove', name]);
  await Promise.all([gateway.close(), relay.close(), http.close()]);
  folder.remove();
});

describe('notify-desk provider, route and sync --once', () => {
  it('adds providers with their secrets from standard input, lists and tests them', async () => {
    const smpp = await cli(
      [
        'provider',
        'add',
        'smpp',
        '--name',
        'gateway',
        '--host',
        '127.0.0.1',
        '--port',
        String(gateway.port),
        '--system-id',
        'desk',
        '--password-stdin',
        '--sender',
        'Council',
      ],
      'secret\n',
    );
    expect(smpp).toMatchObject({ code: 0, stderr: '' });
    expect(smpp.stdout).toBe(
      `Saved gateway          smpp      127.0.0.1:${gateway.port}  from Council; its credentials are in the keychain.\n`,
    );
    const smtp = await cli([
      '--json',
      'provider',
      'add',
      'smtp',
      '--name',
      'relay',
      '--host',
      '127.0.0.1',
      '--port',
      String(relay.port),
      '--from',
      'revenues@council.example.gov.uk',
      '--ca-file',
      `${folder.path}/ca.pem`,
    ]);
    expect(smtp.code).toBe(0);
    expect(JSON.parse(smtp.stdout)).toMatchObject({
      provider: { name: 'relay', kind: 'smtp', channel: 'email', trustsCaFile: true },
    });
    const twilio = await cli(
      [
        'provider',
        'add',
        'http-sms',
        '--name',
        'twilio',
        '--base-url',
        http.url,
        '--account-sid',
        'AC00000000000000000000000000000003',
        '--auth-token-stdin',
        '--from',
        '+447700900000',
      ],
      'token\n',
    );
    expect(twilio.code).toBe(0);

    const list = JSON.parse((await cli(['--json', 'provider', 'list'])).stdout) as { providers: { name: string }[] };
    expect(list.providers.map((provider) => provider.name)).toEqual(['gateway', 'relay', 'twilio']);
    expect(await cli(['provider', 'test', 'relay'])).toEqual({
      code: 0,
      stderr: '',
      stdout: `notify-desk connected to the mail server at 127.0.0.1:${relay.port} and it is ready to take email.\n`,
    });
    expect(await cli(['provider', 'test', 'gateway'])).toMatchObject({
      code: 0,
      stdout: `notify-desk connected to the SMS gateway at 127.0.0.1:${gateway.port} and logged in as a transceiver.\n`,
    });
  });

  it('refuses what it cannot do, in one line', async () => {
    expect(
      await cli([
        'provider',
        'add',
        'smpp',
        '--name',
        'x',
        '--host',
        '127.0.0.1',
        '--port',
        '1',
        '--system-id',
        'desk',
      ]),
    ).toMatchObject({
      code: 2,
      stderr:
        'notify-desk: provider add smpp needs --password-stdin (the password is read from standard input, never from the command line)\n',
    });
    expect((await cli(['route', 'set', '--type', 'fax', '--via', 'notify'])).stderr).toBe(
      'notify-desk: route set takes --type sms, email or letter\n',
    );
    expect((await cli(['route', 'set', '--type', 'email', '--via', 'gateway'])).stderr).toBe(
      'notify-desk: gateway cannot send emails. Routes for emails: notify, relay.\n',
    );
    expect((await cli(['provider', 'test', 'nobody'])).stderr).toBe(
      'notify-desk: There is no provider called nobody. notify-desk provider list shows the providers.\n',
    );
  });

  it('sets routes, sends through them with sync --once, and collects receipts that have arrived since', async () => {
    expect(await cli(['route', 'set', '--type', 'sms', '--via', 'gateway,twilio'])).toMatchObject({
      code: 0,
      stdout: 'texts go through: gateway, then twilio\n',
    });
    expect(await cli(['route', 'set', '--type', 'email', '--via', 'relay'])).toMatchObject({ code: 0 });
    expect((await cli(['route', 'list'])).stdout).toBe('sms     gateway, twilio\nemail   relay\nletter  notify\n');
    await cli([
      'template',
      'add',
      '--type',
      'sms',
      '--name',
      'Reminder',
      '--body',
      'Hello ((name)), your bins go out tomorrow.',
    ]);
    await cli([
      'template',
      'add',
      '--type',
      'email',
      '--name',
      'Bill',
      '--subject',
      'Your bill',
      '--body',
      'Hello ((name)), your bill is ready.',
    ]);
    expect((await cli(['send', '--template', 'Reminder', '--to', '07700 900123', '--set', 'name=Ann'])).code).toBe(0);
    expect((await cli(['send', '--template', 'Bill', '--to', 'bob@example.gov.uk', '--set', 'name=Bob'])).code).toBe(0);

    const first = await cli(['--json', 'sync', '--once']);
    expect(JSON.parse(first.stdout)).toMatchObject({ sent: 2, outcomeUnknown: 0 });
    expect(gateway.acceptedTexts()).toEqual(['Hello Ann, your bins go out tomorrow.']);
    expect(relay.arrived.map((email) => [email.to[0], email.secure])).toEqual([['bob@example.gov.uk', true]]);
    const before = JSON.parse((await cli(['--json', 'outbox'])).stdout) as {
      messages: { type: string; state: string; provider: string }[];
    };
    expect(before.messages.map((message) => [message.type, message.state, message.provider])).toEqual([
      ['email', 'accepted', 'relay'],
      ['sms', 'accepted', 'gateway'],
    ]);

    await new Promise((resolve) => setTimeout(resolve, 1_700));
    await cli(['sync', '--once']);
    const after = JSON.parse((await cli(['--json', 'outbox'])).stdout) as {
      messages: { type: string; state: string }[];
    };
    expect(after.messages.map((message) => [message.type, message.state])).toEqual([
      ['email', 'accepted'],
      ['sms', 'delivered'],
    ]);
    // Test connection, the first run, and the second, which the held receipt came back on.
    expect(gateway.binds).toBe(3);
  });
});
