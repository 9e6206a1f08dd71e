import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handlerArgs, uiCallRefusal } from '../../../shared/contract';
import { isAllowedExternalLink } from '../../../electron/main/external-links';
import { isInDataFolder } from '../../../electron/main/show-in-folder';
import { spellCheckOn } from '../../../electron/main/spell-check';
import { isAppUrl, isTrustedSender } from '../../../electron/main/trusted-sender';

describe("what the desktop app's main process lets a page do", () => {
  it("takes messages only from the app's own page, in its top frame, in the app's window", () => {
    const own = { frameUrl: 'app://notify-desk/index.html', isMainFrame: true, fromAppWindow: true };
    expect(isTrustedSender(own)).toBe(true);
    expect(isTrustedSender({ ...own, frameUrl: 'app://notify-desk/templates/new?x=1#top' })).toBe(true);
    expect(isTrustedSender({ ...own, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...own, fromAppWindow: false })).toBe(false);
    expect(isTrustedSender({ ...own, frameUrl: undefined })).toBe(false);
    for (const frameUrl of [
      'app://notify-desk.example/index.html',
      'app://evil/notify-desk/index.html',
      'app://user@notify-desk/index.html',
      'app://notify-desk:8080/index.html',
      'https://notify-desk/index.html',
      'file:///app/notify-desk/index.html',
      'about:blank',
      'not a url',
    ]) {
      expect(isTrustedSender({ ...own, frameUrl }), frameUrl).toBe(false);
      expect(isAppUrl(frameUrl), frameUrl).toBe(false);
    }
  });

  it('opens in the browser only GOV.UK and GOV.UK Notify pages over https', () => {
    for (const url of [
      'https://www.gov.uk/government/publications',
      'https://www.notifications.service.gov.uk/using-notify/api-documentation',
      'https://docs.notifications.service.gov.uk/node.html',
      'https://status.notifications.service.gov.uk/',
    ]) {
      expect(isAllowedExternalLink(url), url).toBe(true);
    }
    for (const url of [
      'http://www.gov.uk/',
      'https://www.gov.uk.evil.example/',
      'https://evil.example/?https://www.gov.uk',
      'https://user:pass@www.gov.uk/',
      'https://www.gov.uk:444/',
      'https://api.notifications.service.gov.uk/v2/notifications',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-settings:',
      '',
    ]) {
      expect(isAllowedExternalLink(url), url).toBe(false);
    }
  });

  it('refuses any call from a page that names a file, however deep', () => {
    expect(uiCallRefusal('imports.inspect', { source: { fileName: 'a.csv', contentBase64: 'YQ==' } })).toBeNull();
    expect(uiCallRefusal('imports.inspect', { source: { uploadId: '0123456789abcdef0123456789abcdef' } })).toBeNull();
    expect(uiCallRefusal('imports.showRejectedRows', { fileName: 'rejected.xlsx' })).toBeNull();
    expect(uiCallRefusal('app.status', undefined)).toBeNull();
    expect(uiCallRefusal('imports.inspect', { source: { path: '/etc/passwd' } })).toMatch(/cannot name a file/);
    expect(uiCallRefusal('x', [{ a: [{ path: 'C:\\Users' }] }])).toMatch(/cannot name a file/);
    let deep: unknown = { leaf: true };
    for (let level = 0; level < 40; level += 1) deep = { next: deep };
    expect(uiCallRefusal('templates.list', deep)).toMatch(/cannot name a file/);
  });

  it('refuses from a page every call of the contract that takes a path, whatever its arguments', () => {
    const takesAPath = Object.entries(handlerArgs)
      .filter(([, schema]) =>
        JSON.stringify(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' })).includes('"path"'),
      )
      .map(([name]) => name);
    expect(takesAPath.sort()).toEqual(['imports.inspect', 'inbox.export', 'watchFolders.grantFolder']);
    expect(uiCallRefusal('inbox.export', {})).toMatch(/cannot name a file/);
    expect(uiCallRefusal('watchFolders.grantFolder', { folder: 'anything' })).toMatch(/cannot name a file/);
    expect(uiCallRefusal('imports.inspect', { source: { path: 'C:\\Users\\a\\list.csv' } })).toMatch(
      /cannot name a file/,
    );
  });

  it('shows in the file manager only files inside the data folder', () => {
    expect(isInDataFolder('/home/a/.config/notify-desk', '/home/a/.config/notify-desk/rejected-rows/x.xlsx')).toBe(
      true,
    );
    expect(isInDataFolder('/home/a/.config/notify-desk', '/home/a/.config/notify-desk')).toBe(false);
    expect(isInDataFolder('/home/a/.config/notify-desk', '/home/a/.config/notify-desk/../../.ssh/id_rsa')).toBe(false);
    expect(isInDataFolder('/home/a/.config/notify-desk', '/home/a/.config/notify-desk-other/x')).toBe(false);
  });

  it('checks spelling with the system on Windows and macOS, and never downloads dictionaries on Linux', () => {
    expect(spellCheckOn('win32')).toBe(true);
    expect(spellCheckOn('darwin')).toBe(true);
    expect(spellCheckOn('linux')).toBe(false);
  });
});
