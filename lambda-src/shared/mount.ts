import { statIfExists } from "./fs-util";

/** Fails with a clear reason when the EFS mount is missing, instead of an ENOENT from deep inside a run. */
export async function assertMounted(mountPath: string): Promise<void> {
  if ((await statIfExists(mountPath))?.isDirectory() !== true) {
    throw new Error(`${mountPath} is not a directory: is the EFS access point mounted there (file_system_config, PI_EFS_MOUNT_PATH)?`);
  }
}
