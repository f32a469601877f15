import { CreateBucketCommand, PutObjectCommand, DeleteObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3EventRecord } from "aws-lambda";
import S3rver from "s3rver";
import type { ObjectSource } from "../../../lambda-src/upload-sync/object-source";
import { signedGetSource } from "../../../lambda-src/upload-sync/s3-signed-get";

/** s3rver's fixed credentials; it checks every request's signature against them. */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

export interface LocalS3 {
  readonly client: S3Client;
  /** The handler's own signed GET, pointed at this server. */
  readonly objects: ObjectSource;
  readonly endpoint: string;
  close(): Promise<void>;
}

/** s3rver on 127.0.0.1 (free port, silent, storing in `directory`) and a client set up for it (cdktf.md §8). */
export async function startLocalS3(directory: string, buckets: readonly string[]): Promise<LocalS3> {
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  for (const bucket of buckets) await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    client,
    objects: signedGetSource({ region: "us-east-1", endpoint, credentials: S3RVER_CREDENTIALS }),
    endpoint,
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
}

export async function putObject(client: S3Client, bucket: string, key: string, body: string | Buffer): Promise<void> {
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

export async function deleteObject(client: S3Client, bucket: string, key: string): Promise<void> {
  await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}

/** How S3 writes keys into event records: form-encoded ("+" for space), with "/" left as is. */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, "+").replace(/%2F/g, "/");
}

/** A realistic S3 notification record; `key` is used verbatim (already encoded, as S3 sends it). */
export function s3Record(eventName: string, bucket: string, key: string, sequencer: string, size = 0): S3EventRecord {
  return {
    eventVersion: "2.1",
    eventSource: "aws:s3",
    awsRegion: "eu-west-1",
    eventTime: "2025-01-01T00:00:00.000Z",
    eventName,
    userIdentity: { principalId: "AWS:AIDAEXAMPLE" },
    requestParameters: { sourceIPAddress: "192.0.2.1" },
    responseElements: { "x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD" },
    s3: {
      s3SchemaVersion: "1.0",
      configurationId: "upload-sync",
      bucket: { name: bucket, ownerIdentity: { principalId: "A3NL1KOZZKExample" }, arn: `arn:aws:s3:::${bucket}` },
      object: { key, size, eTag: "d41d8cd98f00b204e9800998ecf8427e", sequencer },
    },
  };
}
