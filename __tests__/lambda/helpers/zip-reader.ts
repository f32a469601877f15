import { crc32, inflateRawSync } from "node:zlib";

export interface ReadEntry {
  readonly name: string;
  readonly data: Buffer;
  readonly dosTime: number;
  readonly dosDate: number;
  readonly externalAttributes: number;
  readonly madeBy: number;
}

/**
 * An independent reader for the zip writer's output: walks the central directory from the end record, checks each
 * local header against it, inflates and checks the CRC. Throws on anything malformed.
 */
export function readZip(zip: Buffer): readonly ReadEntry[] {
  const end = zip.length - 22;
  if (zip.readUInt32LE(end) !== 0x06054b50) throw new Error("no end of central directory record at the end");
  const count = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  let at = zip.readUInt32LE(end + 16);
  if (at + directorySize !== end) throw new Error("central directory does not end where the end record starts");
  const entries: ReadEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    if (zip.compare(zip, local + 4, local + 30, at + 6, at + 32) !== 0) throw new Error(`local header of ${name} disagrees with the directory`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const stored = zip.subarray(start, start + compressed);
    const data = method === 8 ? inflateRawSync(stored) : method === 0 ? stored : undefined;
    if (data === undefined) throw new Error(`${name}: unknown method ${method}`);
    if (data.length !== size || crc32(data) !== crc) throw new Error(`${name}: size or CRC mismatch`);
    entries.push({
      name,
      data,
      dosTime: zip.readUInt16LE(at + 12),
      dosDate: zip.readUInt16LE(at + 14),
      externalAttributes: zip.readUInt32LE(at + 38),
      madeBy: zip.readUInt16LE(at + 4),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
