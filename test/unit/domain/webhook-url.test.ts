import { describe, expect, it } from 'vitest';
import { addressAllowed, checkWebhookUrl } from '../../../shared/domain/webhook-url';

const AWS = { loopback: false };
const LOCAL = { loopback: true };

describe('Function: checkWebhookUrl (the URL itself)', () => {
  it.each([
    ['https://hooks.nganhang.example/ban-sao', true],
    ['https://hooks.nganhang.example:8443/x?y=1', true],
    ['https://93.184.216.34/hook', true],
    ['http://hooks.nganhang.example/ban-sao', false], // https only
    ['https://user:pass@hooks.nganhang.example/', false], // userinfo
    ['https://hooks.nganhang.example:22/', false], // well-known port
    ['https://hooks.nganhang.example:80/', false],
    ['https://hooks.nganhang.example/#frag', false],
    ['https://169.254.169.254/latest/meta-data/', false], // metadata
    ['https://[::ffff:169.254.169.254]/', false], // mapped metadata
    ['https://[::ffff:a9fe:a9fe]/', false],
    ['https://2130706433/', false], // 127.0.0.1 as one number
    ['https://0x7f.1/', false],
    ['https://10.0.0.5/', false],
    ['https://localhost/', false],
    ['https://metadata.google.internal/', false],
    ['https://printer.local/', false],
    ['ftp://hooks.nganhang.example/', false],
    ['not a url', false],
    [`https://hooks.nganhang.example/${'a'.repeat(2100)}`, false],
  ])('AWS policy: %s → %s', (url, ok) => {
    // Act
    const result = checkWebhookUrl(url, AWS);
    // Assess: a refusal always says why, in Vietnamese.
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.reason).toMatch(/địa chỉ|URL|Cổng/i);
  });

  it.each([
    ['http://127.0.0.1:45678/hook', true],
    ['http://localhost:45678/hook', true],
    ['http://[::1]:45678/hook', true],
    ['http://169.254.169.254/latest/meta-data/', false],
    ['http://192.168.1.10:8080/', false],
    ['http://10.0.0.5/', false],
    ['http://hooks.nganhang.example/', false],
  ])('local policy (loopback allowed, nothing else private): %s → %s', (url, ok) => {
    expect(checkWebhookUrl(url, LOCAL).ok).toBe(ok);
  });
});

describe('Function: addressAllowed (every resolved address)', () => {
  it.each([
    ['93.184.216.34', true],
    ['8.8.8.8', true],
    ['2606:4700:4700::1111', true],
    ['::ffff:8.8.8.8', true],
    ['0.0.0.0', false],
    ['0.1.2.3', false],
    ['10.1.2.3', false],
    ['100.64.0.1', false],
    ['100.127.255.255', false],
    ['100.128.0.1', true],
    ['127.0.0.1', false],
    ['127.8.8.8', false],
    ['169.254.169.254', false],
    ['169.254.0.1', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['172.32.0.1', true],
    ['192.168.0.1', false],
    ['192.0.0.170', false],
    ['192.0.2.1', false],
    ['198.18.0.1', false],
    ['198.51.100.7', false],
    ['203.0.113.7', false],
    ['224.0.0.251', false],
    ['239.255.255.250', false],
    ['240.0.0.1', false],
    ['255.255.255.255', false],
    ['::1', false],
    ['::', false],
    ['fc00::1', false],
    ['fd12:3456:789a::1', false],
    ['fe80::1', false],
    ['ff02::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['0:0:0:0:0:ffff:a9fe:a9fe', false],
    ['::ffff:10.0.0.1', false],
    ['::127.0.0.1', false],
    ['64:ff9b::a9fe:a9fe', false],
    ['2002:a9fe:a9fe::1', false],
    ['2001:0:4136:e378::1', false],
    ['2001:db8::1', false],
    ['3fff::1', false],
    ['fe80::1%eth0', false],
    ['not-an-ip', false],
    ['1.2.3', false],
    ['1.2.3.256', false],
  ])('AWS policy: %s → %s', (address, ok) => {
    expect(addressAllowed(address, AWS)).toBe(ok);
  });

  it('lets the local policy reach the loopback only', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].map((a) => addressAllowed(a, LOCAL))).toEqual([true, true, true]);
    expect(['169.254.169.254', '10.0.0.1', '192.168.1.1', 'fe80::1', '::ffff:169.254.169.254'].map((a) => addressAllowed(a, LOCAL))).toEqual([false, false, false, false, false]);
  });
});
