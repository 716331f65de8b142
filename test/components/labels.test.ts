import { render } from '../support/helpers';

test('every object carries the recommended labels; selectors are the chart\'s', () => {
  const m = render({ name: 'prod' });
  for (const o of m.objects) {
    expect(o.metadata.labels).toMatchObject({ 'app.kubernetes.io/instance': 'prod-datadog', 'app.kubernetes.io/managed-by': 'cdk8s-datadog', 'app.kubernetes.io/name': 'datadog' });
  }
  expect(m.get('Deployment', 'prod-datadog-cluster-agent').spec.selector.matchLabels).toEqual({ app: 'prod-datadog-cluster-agent' });
});
