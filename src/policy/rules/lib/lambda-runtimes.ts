/**
 * Lambda runtimes, versioned in this one file. The allow-list is the source of truth (Security Hub Lambda.2's
 * supported runtimes); the deny-list is checkov CKV_AWS_363's deprecated list and only sharpens the message.
 * Update both when AWS deprecates a runtime, and bump LAMBDA_RUNTIMES_AS_OF.
 */
export const LAMBDA_RUNTIMES_AS_OF = "2026-11";

export const SUPPORTED_LAMBDA_RUNTIMES: ReadonlySet<string> = new Set([
  "nodejs22.x",
  "nodejs24.x",
  "python3.11",
  "python3.12",
  "python3.13",
  "python3.14",
  "java11",
  "java17",
  "java21",
  "java25",
  "java8.al2",
  "dotnet8",
  "dotnet10",
  "ruby3.4",
  "provided.al2",
  "provided.al2023",
]);

export const DEPRECATED_LAMBDA_RUNTIMES: ReadonlySet<string> = new Set([
  "nodejs",
  "nodejs4.3",
  "nodejs4.3-edge",
  "nodejs6.10",
  "nodejs8.10",
  "nodejs10.x",
  "nodejs12.x",
  "nodejs14.x",
  "nodejs16.x",
  "nodejs18.x",
  "python2.7",
  "python3.6",
  "python3.7",
  "python3.8",
  "python3.9",
  "java8",
  "dotnetcore1.0",
  "dotnetcore2.0",
  "dotnetcore2.1",
  "dotnetcore3.1",
  "dotnet5.0",
  "dotnet6",
  "dotnet7",
  "ruby2.5",
  "ruby2.7",
  "ruby3.2",
  "go1.x",
  "provided",
]);
