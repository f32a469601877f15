import { crc32, deflateRawSync } from "node:zlib";

export interface ZipEntry {
  /** Posix path inside the archive, e.g. "seed/themes/a.css". */
  readonly name: string;
  readonly data: Buffer;
}

// Everything that a generic zip tool takes from the machine is pinned, so the bytes depend on names and contents only.
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const DOS_TIME_MIDNIGHT = 0;
const VERSION = 20; // 2.0: deflate, no zip64
const MADE_BY_UNIX = (3 << 8) | VERSION;
const FLAG_UTF8_NAMES = 0x0800;
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0; // regular file, rw-r--r--, in the Unix high half
const STORE = 0;
const DEFLATE = 8;

/**
 * A zip archive of `entries`, sorted by name (byte order), every entry dated 1980-01-01 00:00 with mode 0644, no
 * directory entries and no extra fields: the same entries always give the same bytes. Deflated entries depend on
 * node's bundled zlib, so identical toolchains give identical archives.
 */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  if (sorted.length > 0xffff) throw new Error(`zip: ${sorted.length} entries need zip64, which this writer does not do`);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  let previous: string | undefined;
  for (const entry of sorted) {
    if (entry.name === previous) throw new Error(`zip: duplicate entry ${entry.name}`);
    previous = entry.name;
    const name = Buffer.from(entry.name);
    const deflated = deflateRawSync(entry.data);
    const method = deflated.length < entry.data.length ? DEFLATE : STORE;
    const body = method === DEFLATE ? deflated : entry.data;
    if (offset + body.length > 0xfffffffe) throw new Error("zip: archive would exceed 4 GiB, which needs zip64");
    const fields = { crc: crc32(entry.data), method, compressed: body.length, size: entry.data.length };

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeCommon(local, 4, fields, name.length);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(MADE_BY_UNIX, 4);
    writeCommon(central, 6, fields, name.length);
    // 32: comment length, disk number start, internal attributes: all zero.
    central.writeUInt32LE(FILE_ATTRIBUTES, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

interface EntryFields {
  readonly crc: number;
  readonly method: number;
  readonly compressed: number;
  readonly size: number;
}

/** The run of fields that local and central headers share, from "version needed" to "extra field length". */
function writeCommon(header: Buffer, at: number, fields: EntryFields, nameLength: number): void {
  header.writeUInt16LE(VERSION, at);
  header.writeUInt16LE(FLAG_UTF8_NAMES, at + 2);
  header.writeUInt16LE(fields.method, at + 4);
  header.writeUInt16LE(DOS_TIME_MIDNIGHT, at + 6);
  header.writeUInt16LE(DOS_DATE_1980_01_01, at + 8);
  header.writeUInt32LE(fields.crc, at + 10);
  header.writeUInt32LE(fields.compressed, at + 14);
  header.writeUInt32LE(fields.size, at + 18);
  header.writeUInt16LE(nameLength, at + 22);
  header.writeUInt16LE(0, at + 24);
}
