/**
 * A final-snapshot identifier that is unique per instance and stable across plans, without the random or time
 * providers: a `terraform_data` records `timestamp()` when it is created and ignores it afterwards, so the name is
 * fixed for the life of the stack and a rebuilt environment gets a new one.
 */
import { Construct } from "constructs";
import { DataResource, Fn } from "cdktf";

export interface FinalSnapshotNameProps {
  /** Start of the identifier, e.g. `pi-production-db`. */
  readonly prefix: string;
}

export class FinalSnapshotName extends Construct {
  /** `<prefix>-final-YYYYMMDDhhmmss` (known after the first apply). */
  public readonly identifier: string;

  constructor(scope: Construct, id: string, props: FinalSnapshotNameProps) {
    super(scope, id);
    const stamp = new DataResource(this, "created_at", { lifecycle: { ignoreChanges: ["input"] } });
    // `input` is typed as a map; the timestamp is a plain string, so set it through an override.
    stamp.addOverride("input", Fn.timestamp());
    this.identifier = `${props.prefix}-final-${Fn.formatdate("YYYYMMDDhhmmss", stamp.getStringAttribute("output"))}`;
  }
}
