import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { osKeychain } from '../../../electron/core/secrets/keychain';

// Runs against the real Secret Service that npm test starts in a private D-Bus session.
describe('the OS keychain', () => {
  it('stores, reads back and deletes a secret', async () => {
    const keychain = osKeychain(`notify-desk-test-${randomUUID()}`);
    const account = 'api-key:service';
    expect(await keychain.get(account)).toBeNull();
    await keychain.set(account, 'secret-value-1');
    expect(await keychain.get(account)).toBe('secret-value-1');
    await keychain.set(account, 'secret-value-2');
    expect(await keychain.get(account)).toBe('secret-value-2');
    await keychain.delete(account);
    expect(await keychain.get(account)).toBeNull();
  });

  it('keeps secrets of different keychain services apart', async () => {
    const first = osKeychain(`notify-desk-test-${randomUUID()}`);
    const second = osKeychain(`notify-desk-test-${randomUUID()}`);
    await first.set('api-key:x', 'only-in-first');
    expect(await second.get('api-key:x')).toBeNull();
    await first.delete('api-key:x');
  });
});
