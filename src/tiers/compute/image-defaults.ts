/**
 * The image's defaults on every mounted EFS folder. An EFS mount hides what the image has at that path, and the image
 * does not refill an empty folder for everything it ships (the vendor's own initialiser copies `locale/` from a
 * snapshot; compose works only because Docker copies the image's content into a new named volume). So every task with
 * mounts (but `keys/`, see NOT_FROM_IMAGE) first runs this container from the same image: it mounts each folder at `/pi-efs/<dir>`, where it hides
 * nothing, and copies each file of the image's folder that the EFS folder lacks. It never overwrites or deletes: a file
 * that exists (the operator's, the seed's, an upload, the dashboard's own) is left alone. The service's container
 * starts only after it exits 0 (`dependsOn` … `SUCCESS`). Runs take seconds once everything is there.
 *
 * Assumes a POSIX shell with `find`, `cp`, `mv` and `mkdir` in the image (the vendor images are Linux Tomcat/Node
 * images); the shell is named as the entry point so the image's own entry point does not run.
 */
import type { EfsMount } from "./fargate-service";

/** Name of the init container (also its log-stream prefix). */
export const IMAGE_DEFAULTS_CONTAINER = "efs-defaults";
/** Where the init container mounts the EFS folders. */
export const IMAGE_DEFAULTS_ROOT = "/pi-efs";

/**
 * Folders never filled from the image: `keys/` holds the dashboard–scheduler channel's keys, and a key shipped in an
 * image is public. The services create their own there.
 */
export const NOT_FROM_IMAGE: ReadonlySet<string> = new Set(["keys"]);

/** The mounts the init container fills. */
export function imageDefaultMounts(mounts: readonly EfsMount[]): EfsMount[] {
  return mounts.filter((m) => !NOT_FROM_IMAGE.has(m.volume));
}

/**
 * The shell function every folder goes through: create the missing directories, then copy only missing files. The
 * script holds no double quote, backslash or `${`: cdktf writes it into an HCL `jsonencode(...)` expression without
 * escaping them. Word splitting is limited to newlines (IFS) and globbing is off (`set -f`), so the unquoted
 * expansions are safe for names with spaces (`themes/piBerry Wider Tables`).
 */
const COPY_MISSING = [
  "copy_missing() {",
  "  src=$1; dst=$2",
  "  if [ ! -d $src ]; then echo efs-defaults: the image has no $src, $dst left as it is; return 0; fi",
  "  cd $src",
  "  find . -type d | while read -r d; do mkdir -p $dst/$d; done",
  "  find . ! -type d | while read -r f; do",
  "    if [ -e $dst/$f ] || [ -L $dst/$f ]; then continue; fi",
  // a temporary name and a rename: a task stopped mid-copy never leaves a half-written file under the real name
  "    cp -P $f $dst/$f.efs-defaults-tmp && mv -f $dst/$f.efs-defaults-tmp $dst/$f",
  "  done",
  "  echo efs-defaults: $dst holds every file of $src",
  "}",
].join("\n");

/** The init container's shell script (exported for tests). */
export function imageDefaultsScript(mounts: readonly EfsMount[]): string {
  const lines = mounts.map((m) => `copy_missing ${m.containerPath} ${IMAGE_DEFAULTS_ROOT}/${m.volume}`);
  return ["set -euf", "IFS='\n'", "umask 022", COPY_MISSING, ...lines].join("\n");
}

export interface ImageDefaultsInput {
  /** The service's image (`repository:tag`): its own defaults are copied. */
  readonly image: string;
  readonly mounts: readonly EfsMount[];
  /** The service container's awslogs options; the init container logs to the same group under its own prefix. */
  readonly logOptions: Readonly<Record<string, string>>;
  /** Registry credentials, as the service container has them. @default none (a public or ECR image) */
  readonly repositoryCredentials?: { readonly credentialsParameter: string };
}

/** The init container definition: not essential, no environment, no secrets, no ports. */
export function imageDefaultsContainer(input: ImageDefaultsInput): Record<string, unknown> {
  return {
    name: IMAGE_DEFAULTS_CONTAINER,
    image: input.image,
    essential: false,
    entryPoint: ["/bin/sh", "-c"],
    command: [imageDefaultsScript(input.mounts)],
    mountPoints: input.mounts.map((m) => ({ sourceVolume: m.volume, containerPath: `${IMAGE_DEFAULTS_ROOT}/${m.volume}`, readOnly: false })),
    linuxParameters: { initProcessEnabled: true },
    logConfiguration: { logDriver: "awslogs", options: { ...input.logOptions, "awslogs-stream-prefix": IMAGE_DEFAULTS_CONTAINER } },
    ...(input.repositoryCredentials ? { repositoryCredentials: input.repositoryCredentials } : {}),
  };
}

/** What the service container adds so it starts only once the folders are filled. */
export const AFTER_IMAGE_DEFAULTS = { dependsOn: [{ containerName: IMAGE_DEFAULTS_CONTAINER, condition: "SUCCESS" }] } as const;
