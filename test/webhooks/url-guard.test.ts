import { describe, expect, it } from 'vitest';
import { AiosError } from '../../src/contract/index.js';
import { judgeAddress } from '../../src/webhooks/address.js';
import { checkWebhookUrl } from '../../src/webhooks/url-guard.js';
import { REFUSED_URLS, fakeDns } from './support.js';

async function refusal(url: string, options: Parameters<typeof checkWebhookUrl>[1]): Promise<AiosError> {
  try {
    await checkWebhookUrl(url, options);
  } catch (error) {
    return error as AiosError;
  }
  throw new Error(`${url} was accepted`);
}

describe('webhook URL guard', () => {
  it.each(REFUSED_URLS)('refuses %s with INVALID_WEBHOOK_URL and the reason', async (url) => {
    const error = await refusal(url, { allowPrivate: false, resolve: fakeDns({ 'example.com': ['93.184.215.14'] }) });
    expect(error).toBeInstanceOf(AiosError);
    expect(error.code).toBe('INVALID_WEBHOOK_URL');
    expect(error.message).toMatch(/^webhook_url: /);
    expect((error.details as { reason: string }).reason.length).toBeGreaterThan(5);
  });

  it('names the class of the address it refuses, whatever its spelling', async () => {
    const options = { allowPrivate: false };
    expect((await refusal('http://2130706433/', options)).message).toContain('127.0.0.1 is a loopback address');
    expect((await refusal('http://0x7f.1/', options)).message).toContain('127.0.0.1 is a loopback address');
    expect((await refusal('http://[::ffff:127.0.0.1]/', options)).message).toContain('127.0.0.1 is a loopback address');
    expect((await refusal('http://169.254.169.254/latest/meta-data', options)).message).toContain('metadata');
    expect((await refusal('http://[fd00::1]/', options)).message).toContain('unique-local');
    expect((await refusal('http://100.64.0.1/', options)).message).toContain('carrier-grade NAT');
  });

  it('refuses a host name that resolves to loopback, or to any private address among public ones', async () => {
    const resolve = fakeDns({ 'rebind.example': ['127.0.0.1'], 'mixed.example': ['93.184.215.14', '10.1.2.3'] });
    expect((await refusal('https://rebind.example/hook', { allowPrivate: false, resolve })).message).toContain('resolves to 127.0.0.1 is a loopback address');
    expect((await refusal('https://mixed.example/hook', { allowPrivate: false, resolve })).message).toContain('10.1.2.3 is a private address');
    expect((await refusal('https://nowhere.example/hook', { allowPrivate: false, resolve })).message).toContain('does not resolve (ENOTFOUND)');
  });

  it('accepts a public http(s) URL and answers the address to connect to', async () => {
    const resolve = fakeDns({ 'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'] });
    const target = await checkWebhookUrl('https://hooks.example.com/aios?x=1', { allowPrivate: false, resolve });
    expect(target.url.toString()).toBe('https://hooks.example.com/aios?x=1');
    expect(target).toMatchObject({ address: '93.184.215.14', family: 4 });
    expect((await checkWebhookUrl('http://8.8.8.8:8080/h', { allowPrivate: false })).address).toBe('8.8.8.8');
  });

  it('WEBHOOK_ALLOW_PRIVATE opens loopback and private targets, never metadata, multicast or unspecified', async () => {
    const allow = { allowPrivate: true, resolve: fakeDns({ 'dev.example': ['192.168.1.20'] }) };
    expect((await checkWebhookUrl('http://127.0.0.1:3001/hook', allow)).address).toBe('127.0.0.1');
    expect((await checkWebhookUrl('http://localhost:3001/hook', { allowPrivate: true, resolve: fakeDns({ localhost: ['::1'] }) })).address).toBe('::1');
    expect((await checkWebhookUrl('http://dev.example/hook', allow)).address).toBe('192.168.1.20');
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://0.0.0.0/', 'http://224.0.0.1/', 'ftp://x/', 'http://user:pass@127.0.0.1/']) {
      expect((await refusal(url, allow)).code).toBe('INVALID_WEBHOOK_URL');
    }
  });

  it('judges IPv6 and IPv4-mapped addresses as the IPv4 address they carry', () => {
    expect(judgeAddress('::ffff:10.0.0.1', false)).toMatchObject({ address: '10.0.0.1', family: 4, refused: '10.0.0.1 is a private address' });
    expect(judgeAddress('2001:4860:4860::8888', false).refused).toBeUndefined();
    expect(judgeAddress('64:ff9b::7f00:1', false).refused).toMatch(/reserved range/);
  });
});
