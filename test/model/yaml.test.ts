import * as YAML from 'yaml';
import { toYaml } from '../../src/model/yaml';

describe('toYaml', () => {
  test('round-trips check configs through a real YAML parser', () => {
    const value = {
      cluster_check: true,
      init_config: null,
      instances: [{ collectors: ['pods', 'nodes'], tags: ['env:prod', 'a b', 'yes', 'on', '1.5', ''], nested: { 'app.kubernetes.io/name': 'x', 'k': [], 'e': {} }, n: 3 }],
    };
    const text = toYaml(value);
    expect(text).toMatchSnapshot();
    expect(YAML.parse(text, { version: '1.1' })).toEqual(value);
  });
  test('lists of maps', () => {
    const value = [{ kind: 'Pod', reasons: ['Failed'] }, { source: 'kubelet' }];
    expect(YAML.parse(toYaml(value), { version: '1.1' })).toEqual(value);
  });
});
