import { strictSchemaModules } from './strict-schema-build';

/** jest globalSetup: compile the strict Kubernetes schema once, before any test file loads it. */
export default function globalSetup(): void {
  strictSchemaModules();
}
