import "vitest";

type ResourceClass = { tfResourceType: string };

declare module "vitest" {
  interface Assertion<T = any> {
    toHaveResource(ctor: ResourceClass): T;
    toHaveResourceWithProperties(ctor: ResourceClass, props: Record<string, unknown>): T;
    toHaveDataSource(ctor: ResourceClass): T;
    toHaveProvider(ctor: ResourceClass): T;
    toHaveProviderWithProperties(ctor: ResourceClass, props: Record<string, unknown>): T;
  }
}
