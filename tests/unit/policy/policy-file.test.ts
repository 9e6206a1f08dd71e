import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPolicyFile, machinePolicyPath, readPolicyFile } from '../../../electron/core/policy/load-policy';
import { deskPolicy } from '../../../electron/core/policy/desk-policy';
import { makeTempDir } from '../../helpers/temp-dir';

const folder = makeTempDir();
afterAll(() => folder.remove());
let files = 0;
const policyFile = (text: string): string => {
  const path = join(folder.path, `policy-${(files += 1)}.json`);
  writeFileSync(path, text);
  return path;
};
const refusal = (text: string): string => {
  const path = policyFile(text);
  try {
    readPolicyFile(path);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the policy file was accepted');
};

describe('the policy file', () => {
  it('lives in the machine-wide place of each operating system', () => {
    expect(machinePolicyPath('win32', { ProgramData: 'C:\\ProgramData' })).toBe(
      join('C:\\ProgramData', 'notify-desk', 'policy.json'),
    );
    expect(machinePolicyPath('linux', {})).toBe('/etc/notify-desk/policy.json');
    expect(machinePolicyPath('darwin', {})).toBe('/Library/Application Support/notify-desk/policy.json');
  });

  it('is the one NOTIFY_DESK_POLICY names only where the machine has none, and a named file that is missing stops the desk', () => {
    const path = policyFile('{"version": 1, "users": {}}');
    expect(findPolicyFile('linux', { NOTIFY_DESK_POLICY: path })).toBe(existingMachineFile() ?? path);
    expect(() => findPolicyFile('linux', { NOTIFY_DESK_POLICY: join(folder.path, 'nowhere.json') })).toThrow(
      /does not exist\. notify-desk does not start/,
    );
    expect(findPolicyFile('linux', {})).toBe(existingMachineFile());
  });

  it('reads the example IT is given, and what it fixes', () => {
    const loaded = readPolicyFile(join(import.meta.dirname, '..', '..', '..', 'resources', 'policy.example.json'));
    const policy = deskPolicy(loaded);
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(policy.serviceUrl).toBe('https://api.notifications.service.gov.uk');
    expect(policy.practiceMode).toBe(false);
    expect(policy.retention).toEqual({ personalDataDays: 730, recordDays: 2557 });
    expect(() => policy.requireServiceUrl('https://api.notifications.service.gov.uk/')).not.toThrow();
    expect(() => policy.requireServiceUrl('https://evil.example')).toThrow(
      /allows only the service at https:\/\/api\.notifications\.service\.gov\.uk/,
    );
  });

  it('refuses broken JSON with the line of the problem', () => {
    expect(refusal('{\n  "version": 1,\n  "users": {\n    "jsmith": "caseworker",\n  }\n}')).toMatch(
      /, line 5: .*comma too many/,
    );
    expect(refusal('{\n  "version": 1\n  "users": {}\n}')).toMatch(/, line 3: a comma is missing/);
    expect(refusal('{\n  "version": 1,\n  "users": {"CONTOSO\\mbrown": "caseworker"}\n}')).toMatch(
      /, line 3: a backslash must be doubled/,
    );
  });

  it('refuses a policy that does not match its schema, naming the line and the reason', () => {
    expect(refusal('{\n  "version": 1,\n  "users": {\n    "jsmith": "boss"\n  }\n}')).toMatch(
      /line 4: users › jsmith: Use one of the roles caseworker, post-room, supervisor, administrator/,
    );
    expect(refusal('{\n  "version": 1,\n  "users": {},\n  "retentionDays": 30\n}')).toMatch(
      /line 4: "retentionDays" is not a setting/,
    );
    expect(refusal('{\n  "version": 2,\n  "users": {}\n}')).toMatch(/line 2: .*"version": 1/);
    expect(refusal('{\n  "version": 1\n}')).toMatch(/line 1: "users" is missing/);
    expect(refusal('{\n  "version": 1,\n  "users": {},\n  "practiceMode": "no"\n}')).toMatch(
      /, line 4: practiceMode: use true or false \(no quotes\), as docs\/policy\.md shows\. notify-desk does not start/,
    );
    expect(refusal('{\n  "version": 1,\n  "users": [],\n  "channels": "sms"\n}')).toMatch(
      /, line 3: users: use an object in \{ \}/,
    );
    expect(refusal('{"version": 1, "users": {},\n "serviceUrl": "http://notify.example.org"}')).toMatch(
      /line 2: serviceUrl: .*https:\/\//,
    );
    expect(
      refusal('{"version": 1, "users": {},\n "serviceUrl": "https://user:secret@api.notifications.service.gov.uk"}'),
    ).toMatch(/without a user name or password/);
    expect(refusal('{"version": 1, "users": {}, "channels": ["sms", "fax"]}')).toMatch(/not valid, line 1/);
    expect(refusal('{"version": 1, "users": {}, "channels": ["sms", "fax"]}')).toMatch(
      /notify-desk does not start until IT corrects it/,
    );
  });

  it('limits channels with a sentence', () => {
    const policy = deskPolicy(readPolicyFile(policyFile('{"version": 1, "users": {}, "channels": ["email"]}')));
    expect(() => policy.requireChannel('email')).not.toThrow();
    expect(() => policy.requireChannel('sms')).toThrow(
      'Your organisation’s policy does not allow text messages to be sent from this desk, only emails. Choose another template.',
    );
  });

  it('without a file keeps the desk as it was: practice mode, every channel, encryption required, retention left to settings', () => {
    const policy = deskPolicy(null);
    expect(policy).toMatchObject({
      source: null,
      serviceUrl: null,
      practiceMode: true,
      channels: ['sms', 'email', 'letter'],
      retention: null,
      encryption: 'required',
    });
    expect(policy.summary()).toBeNull();
  });
});

function existingMachineFile(): string | null {
  try {
    return findPolicyFile('linux', {});
  } catch {
    return null;
  }
}
