import * as YAML from 'yaml';
import { render } from './support/helpers';

test('smoke', () => {
  const m = render({ clusterName: 'prod-eu-1' });
  console.log(YAML.stringify(m.objects));
});
