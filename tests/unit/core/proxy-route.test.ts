import { afterEach, describe, expect, it } from 'vitest';
import {
  environmentProxy,
  parseProxyAddress,
  proxyFromPacAnswer,
  proxyLabel,
} from '../../../electron/core/network/proxy-route';

const saved = { ...process.env };
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
});

function onlyProxyVariables(values: Record<string, string>): void {
  for (const name of Object.keys(process.env)) if (/_proxy$/i.test(name)) delete process.env[name];
  Object.assign(process.env, values);
}

describe('proxy addresses', () => {
  it('reads an address without a scheme as an http:// proxy, and keeps the user name and password out of its label', () => {
    expect(parseProxyAddress('proxy.council.example:3128')).toEqual({
      protocol: 'http:',
      host: 'proxy.council.example',
      port: 3128,
    });
    const withCredentials = parseProxyAddress('http://DOMAIN%5Cuser:p%40ss@[::1]:8080');
    expect(withCredentials).toEqual({
      protocol: 'http:',
      host: '::1',
      port: 8080,
      username: 'DOMAIN\\user',
      password: 'p@ss',
    });
    expect(proxyLabel(withCredentials)).toBe('[::1]:8080');
    expect(parseProxyAddress('https://proxy.example')).toMatchObject({ protocol: 'https:', port: 443 });
    expect(() => parseProxyAddress('http://user:secret@bad host')).toThrow(
      'The proxy address “http://bad host” is not an address notify-desk can use.',
    );
  });

  it('follows the first entry of the system’s PAC answer it can use', () => {
    expect(proxyFromPacAnswer('DIRECT')).toBeNull();
    expect(proxyFromPacAnswer('')).toBeNull();
    expect(proxyFromPacAnswer('PROXY proxy.example:8080; DIRECT')).toEqual({
      protocol: 'http:',
      host: 'proxy.example',
      port: 8080,
    });
    expect(proxyFromPacAnswer('SOCKS5 socks.example:1080; HTTPS secure.example:443')).toEqual({
      protocol: 'https:',
      host: 'secure.example',
      port: 443,
    });
    expect(() => proxyFromPacAnswer('SOCKS5 socks.example:1080')).toThrow(/names only proxies notify-desk cannot use/);
  });

  it('takes the variable for the URL’s scheme (lower case first), then ALL_PROXY, and leaves out hosts NO_PROXY names', () => {
    const notify = new URL('https://api.notifications.service.gov.uk/v2/notifications');
    onlyProxyVariables({});
    expect(environmentProxy(notify)).toBeUndefined();
    onlyProxyVariables({ HTTP_PROXY: 'http://plain.example:80' });
    expect(environmentProxy(notify)).toBeUndefined();
    onlyProxyVariables({ HTTPS_PROXY: 'http://upper.example:1', https_proxy: 'lower.example:2' });
    expect(environmentProxy(notify)).toEqual({ protocol: 'http:', host: 'lower.example', port: 2 });
    onlyProxyVariables({ ALL_PROXY: 'http://all.example:3' });
    expect(environmentProxy(notify)).toMatchObject({ host: 'all.example' });
    onlyProxyVariables({ HTTPS_PROXY: 'http://upper.example:1', NO_PROXY: 'localhost,.service.gov.uk' });
    expect(environmentProxy(notify)).toBeNull();
  });
});
