import { render } from '../support/helpers';

describe('node-local Service', () => {
  test('DogStatsD and trace ports, node-local traffic only', () => {
    const svc = render().get('Service', 'datadog');
    expect(svc.spec).toEqual({
      selector: { app: 'datadog' },
      internalTrafficPolicy: 'Local',
      ports: [
        { name: 'dogstatsdport', port: 8125, targetPort: 8125, protocol: 'UDP' },
        { name: 'traceport', port: 8126, targetPort: 8126, protocol: 'TCP' },
      ],
    });
  });

  test('can be turned off', () => {
    expect(render({ nodeAgent: { localService: false } }).find('Service', 'datadog')).toBeUndefined();
  });
});
