import { Credentials } from '../src';
import { envOf, render } from './support/helpers';

const API_KEY = 'ABCDEF0123456789abcdef0123456789';

describe('Credentials.fromSecret', () => {
  test('default keys', () => {
    const m = render({ credentials: Credentials.fromSecret('dd') });
    const env = envOf(m.container('agent'));
    expect(env.DD_API_KEY).toEqual({ secretKeyRef: { name: 'dd', key: 'api-key' } });
    expect(env.DD_CLUSTER_AGENT_AUTH_TOKEN).toEqual({ secretKeyRef: { name: 'dd', key: 'token' } });
  });

  test('custom keys', () => {
    const m = render({ credentials: Credentials.fromSecret('dd', { apiKeyKey: 'api_key', appKeyKey: 'app_key', clusterAgentTokenKey: 'dca-token' }) });
    const dca = envOf(m.container('cluster-agent', m.clusterAgent));
    expect(dca.DD_API_KEY).toEqual({ secretKeyRef: { name: 'dd', key: 'api_key' } });
    expect(dca.DD_APP_KEY).toEqual({ secretKeyRef: { name: 'dd', key: 'app_key', optional: true } });
    expect(dca.DD_CLUSTER_AGENT_AUTH_TOKEN).toEqual({ secretKeyRef: { name: 'dd', key: 'dca-token' } });
    expect(m.objects.some(o => o.kind === 'Secret')).toBe(false);
  });
});

describe('Credentials.fromValues', () => {
  test('creates one Secret named like the chart\'s API key Secret', () => {
    const m = render({ credentials: Credentials.fromValues({ apiKey: API_KEY }) });
    const secret = m.get('Secret', 'datadog');
    expect(Object.keys(secret.data)).toEqual(['api-key', 'token']);
    expect(secret.type).toEqual('Opaque');
  });

  test('the derived token is stable, alphanumeric, and differs between installations', () => {
    const token = (name: string) => {
      const m = render({ name, credentials: Credentials.fromValues({ apiKey: API_KEY }) });
      return Buffer.from(m.objects.find(o => o.kind === 'Secret').data.token, 'base64').toString();
    };
    expect(token('datadog')).toEqual(token('datadog'));
    expect(token('datadog')).toMatch(/^[a-f0-9]{64}$/);
    expect(token('datadog')).not.toEqual(token('other-datadog'));
  });

  test('error messages never contain the value', () => {
    const secretish = 'zzzz0123456789abcdef0123456789abcd';
    expect(() => render({ credentials: Credentials.fromValues({ apiKey: secretish }) })).toThrow(/got 34 characters including non-hexadecimal ones$/);
    let message = '';
    try {
      render({ credentials: Credentials.fromValues({ apiKey: secretish }) });
    } catch (e: any) {
      message = e.message;
    }
    expect(message).toMatch(/credentials.apiKey/);
    expect(message).not.toContain(secretish);
  });
});
