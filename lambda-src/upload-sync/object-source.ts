/**
 * Where the upload-sync handler reads an object from: a stream of its bytes, or undefined when the key no longer
 * exists (its delete event follows). In Lambda a SigV4-signed GET (s3-signed-get.ts); tests use the same against
 * s3rver, or a stand-in.
 */
import type { Readable } from "node:stream";

export interface ObjectSource {
  getObject(bucket: string, key: string): Promise<Readable | undefined>;
}
