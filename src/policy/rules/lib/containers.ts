/** The container definitions of an aws_ecs_task_definition (`container_definitions`, parsed by the context). */
import { Unknown, isUnknown, type Resource, type ValueMap } from "../../model";
import { isMap, list } from "./values";

export function containersOf(taskDefinition: Resource): readonly ValueMap[] | Unknown {
  const defs = taskDefinition.values.container_definitions;
  if (isUnknown(defs)) return defs;
  if (!Array.isArray(defs)) return new Unknown("container_definitions is not a JSON list");
  return list(defs).filter(isMap);
}

export const containerName = (c: ValueMap, i: number): string => (typeof c.name === "string" ? c.name : `#${i}`);
