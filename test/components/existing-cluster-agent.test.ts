import { render } from '../support/helpers';

describe('clusterAgent.existing: bad input', () => {
  test.each<[string, any, RegExp]>([
    ['with enabled: false', { clusterAgent: { enabled: false, existing: { serviceName: 'dca' } } }, /clusterAgent.existing conflicts with clusterAgent.enabled: false/],
    ['with replicas', { clusterAgent: { replicas: 3, existing: { serviceName: 'dca' } } }, /clusterAgent.replicas shapes a Cluster Agent this construct deploys; with clusterAgent.existing there is none/],
    ['with env', { clusterAgent: { env: { A: 'b' }, existing: { serviceName: 'dca' } } }, /clusterAgent.env shapes a Cluster Agent/],
    ['without a service name', { clusterAgent: { existing: {} } }, /clusterAgent.existing.serviceName is required/],
    ['a bad service name', { clusterAgent: { existing: { serviceName: 'DCA.svc' } } }, /clusterAgent.existing.serviceName must be a lowercase RFC 1123 label/],
    ['a bad token Secret name', { clusterAgent: { existing: { serviceName: 'dca', tokenSecretName: 'Bad_Name' } } }, /clusterAgent.existing.tokenSecretName must be a lowercase RFC 1123 subdomain/],
    ['a bad token key', { clusterAgent: { existing: { serviceName: 'dca', tokenSecretKey: 'a/b' } } }, /clusterAgent.existing.tokenSecretKey must be a Secret key/],
    ['with external metrics', { clusterAgent: { existing: { serviceName: 'dca' }, externalMetrics: { enabled: true } } }, /clusterAgent.externalMetrics.enabled needs a Cluster Agent deployed by this construct/],
    ['with admission options', { clusterAgent: { existing: { serviceName: 'dca' }, admissionController: { mutateUnlabelled: true } } }, /clusterAgent.admissionController.mutateUnlabelled needs the admission controller, which is not deployed without a Cluster Agent/],
  ])('%s', (_n, props, error) => {
    expect(() => render(props)).toThrow(error);
  });
});
