import type { ApiObjectProps } from 'cdk8s';
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';

/**
 * A cluster-scoped object (ClusterRole, ClusterRoleBinding, APIService...). cdk8s stamps the
 * Chart's namespace on every ApiObject; on a cluster-scoped kind that field is meaningless and
 * confuses reviewers and GitOps diffs, so it is removed here.
 */
export function clusterScoped(scope: Construct, id: string, props: ApiObjectProps): ApiObject {
  const obj = new ApiObject(scope, id, props);
  (obj.metadata as any).namespace = undefined;
  return obj;
}
