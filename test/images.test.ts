import * as kplus from 'cdk8s-plus-27';
import { ImagePullPolicy } from '../src';
import { parseVersion, versionAtLeast } from '../src/images';
import { render } from './support/helpers';

describe('images', () => {
  test('defaults: 7.81.1 from the site registry, IfNotPresent', () => {
    const m = render();
    for (const c of [...m.daemonSet.spec.template.spec.containers, ...m.daemonSet.spec.template.spec.initContainers]) {
      expect(c.image).toEqual('registry.datadoghq.com/agent:7.81.1');
      expect(c.imagePullPolicy).toEqual('IfNotPresent');
    }
    expect(m.container('cluster-agent', m.clusterAgent).image).toEqual('registry.datadoghq.com/cluster-agent:7.81.1');
  });

  test('digest pins the image, tag kept as a hint', () => {
    const digest = `sha256:${'0'.repeat(64)}`;
    const m = render({ images: { agentDigest: digest } });
    expect(m.container('agent').image).toEqual(`registry.datadoghq.com/agent:7.81.1@${digest}`);
  });

  test('pull secrets and policy reach every pod', () => {
    const m = render({ images: { pullSecrets: ['a', 'b'], pullPolicy: ImagePullPolicy.NEVER } });
    for (const w of [m.daemonSet, m.clusterAgent]) {
      expect(w.spec.template.spec.imagePullSecrets).toEqual([{ name: 'a' }, { name: 'b' }]);
      expect(w.spec.template.spec.containers[0].imagePullPolicy).toEqual('Never');
    }
  });

  test('trace-agent command follows the agent version (trace-loader from 7.75)', () => {
    expect(render({ images: { agentTag: '7.74.0' } }).container('trace-agent').command[0]).toEqual('trace-agent');
    expect(render({ images: { agentTag: '7.75.0' } }).container('trace-agent').command[0]).toEqual('trace-loader');
    expect(render({ images: { agentTag: 'latest' } }).container('trace-agent').command[0]).toEqual('trace-loader');
  });

  test('version parsing', () => {
    expect(parseVersion('7.81.1-jmx')).toEqual([7, 81, 1]);
    expect(parseVersion('latest')).toBeUndefined();
    expect(versionAtLeast([7, 60, 0], [7, 60, 0])).toBe(true);
    expect(versionAtLeast([7, 59, 9], [7, 60, 0])).toBe(false);
    expect(versionAtLeast([8, 0, 0], [7, 60, 0])).toBe(true);
  });

  test('cluster agent tag too old', () => {
    expect(() => render({ images: { clusterAgentTag: '1.20.0' } })).toThrow(/images.clusterAgentTag must be 7.60.0 or newer, got "1.20.0"/);
  });
});

test('cdk8s-plus types: imagePullPolicy takes kplus.ImagePullPolicy; not with pullPolicy', () => {
  expect(render({ images: { imagePullPolicy: kplus.ImagePullPolicy.ALWAYS } }).container('agent').imagePullPolicy).toBe('Always');
  expect(() => render({ images: { imagePullPolicy: kplus.ImagePullPolicy.ALWAYS, pullPolicy: ImagePullPolicy.ALWAYS } }))
    .toThrow('images.imagePullPolicy and images.pullPolicy set the same thing: use imagePullPolicy only');
  expect(() => render({ images: { imagePullPolicy: 'Sometimes' as any } })).toThrow('images.imagePullPolicy must be one of Always, IfNotPresent, Never');
});
