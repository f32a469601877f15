/**
 * S3 GetObject as one SigV4-signed HTTPS GET on node:https, without the AWS SDK: the SDK alone holds ~18 MiB of the
 * function's memory, more than a streamed object ever does. Signing is aws4's (small, no dependencies); this file keeps
 * only what the handler needs around it: the credentials Lambda puts in the environment, virtual-hosted addressing on
 * AWS (path style at a custom endpoint), UNSIGNED-PAYLOAD, the body as a stream checked against Content-Length, and
 * S3's XML error code in the thrown error.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { Transform, pipeline, type Readable } from "node:stream";
import { sign } from "aws4";
import { collectYoungGeneration } from "../shared/collect-garbage";
import type { ObjectSource } from "./object-source";

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignedGetOptions {
  readonly region: string;
  readonly credentials: Credentials;
  /** A custom S3 endpoint (a local server): path-style addressing there. @default AWS's regional endpoint */
  readonly endpoint?: string;
  /** @default the current time (tests pin it) */
  readonly now?: () => Date;
}

/** The settings Lambda's environment gives every function (and AWS_ENDPOINT_URL_S3 for a local S3 server). */
export function signedGetOptionsFromEnv(env: NodeJS.ProcessEnv): SignedGetOptions {
  const { AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = env;
  if (!AWS_REGION || !AWS_ACCESS_KEY_ID || !AWS_SECRET_ACCESS_KEY) {
    throw new Error("AWS_REGION, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set (Lambda sets them for the execution role)");
  }
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  return {
    region: AWS_REGION,
    credentials: { accessKeyId: AWS_ACCESS_KEY_ID, secretAccessKey: AWS_SECRET_ACCESS_KEY, ...(AWS_SESSION_TOKEN ? { sessionToken: AWS_SESSION_TOKEN } : {}) },
    ...(endpoint ? { endpoint } : {}),
  };
}

/** RFC 3986 encoding of one path segment, as SigV4 canonical URIs need it. */
const encodeSegment = (segment: string) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The URL of an object: virtual-hosted on AWS (path style for bucket names with dots), path style at an endpoint. */
export function objectUrl(options: Pick<SignedGetOptions, "region" | "endpoint">, bucket: string, key: string): URL {
  const path = key.split("/").map(encodeSegment).join("/");
  if (options.endpoint) return new URL(`${options.endpoint.replace(/\/+$/, "")}/${encodeSegment(bucket)}/${path}`);
  const domain = options.region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return bucket.includes(".")
    ? new URL(`https://s3.${options.region}.${domain}/${bucket}/${path}`)
    : new URL(`https://${bucket}.s3.${options.region}.${domain}/${path}`);
}

/** SigV4 headers for a GET of `url` (header names lower-case), signed by aws4 with S3's unsigned payload. */
export function signGet(url: URL, options: SignedGetOptions): Record<string, string> {
  const amzDate = (options.now ?? (() => new Date()))()
    .toISOString()
    .replace(/[-:]|\.\d{3}/g, "");
  const signed = sign(
    {
      service: "s3",
      region: options.region,
      method: "GET",
      host: url.host,
      path: url.pathname,
      headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD", "x-amz-date": amzDate },
    },
    options.credentials,
  );
  return Object.fromEntries(Object.entries(signed.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

/** An S3 error response as an Error named after S3's code (NoSuchKey, AccessDenied, ...). */
async function s3Error(response: IncomingMessage, what: string): Promise<Error> {
  let text = "";
  for await (const chunk of response) {
    if (text.length < 4096) text += String(chunk);
  }
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `HTTP${response.statusCode}`;
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? (response.statusMessage || "");
  const error = new Error(`${what}: HTTP ${response.statusCode} ${code}: ${message}`);
  error.name = code;
  return error;
}

/** Collect the socket's spent buffers after every this many bytes (see collect-garbage.ts). */
const COLLECT_EVERY_BYTES = 2 * 1024 * 1024;

/**
 * The body, failing the stream when it ends before Content-Length bytes (a cut connection must not publish a file),
 * and releasing spent socket buffers as it goes so memory stays flat whatever the object size.
 */
function checkedBody(response: IncomingMessage, what: string): Readable {
  const expected = Number(response.headers["content-length"]);
  let seen = 0;
  let sinceCollect = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      sinceCollect += chunk.length;
      if (sinceCollect >= COLLECT_EVERY_BYTES) {
        sinceCollect = 0;
        collectYoungGeneration();
      }
      done(null, chunk);
    },
    flush(done) {
      done(Number.isFinite(expected) && seen !== expected ? new Error(`${what}: got ${seen} of ${expected} bytes`) : null);
    },
  });
  pipeline(response, counter, () => undefined); // an error on either side destroys the other
  return counter;
}

export function signedGetSource(options: SignedGetOptions): ObjectSource {
  return {
    getObject: (bucket, key) =>
      new Promise((resolve, reject) => {
        const url = objectUrl(options, bucket, key);
        const what = `GetObject s3://${bucket}/${key}`;
        const request = (url.protocol === "http:" ? httpRequest : httpsRequest)(url, { method: "GET", headers: signGet(url, options) }, (response) => {
          if (response.statusCode === 200) resolve(checkedBody(response, what));
          else s3Error(response, what).then((error) => (error.name === "NoSuchKey" ? resolve(undefined) : reject(error)), reject);
        });
        request.on("error", (error) => reject(new Error(`${what}: ${error.message}`)));
        request.end();
      }),
  };
}
