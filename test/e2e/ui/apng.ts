// A small animated-PNG (APNG) encoder for the README's animated captures. Playwright's video
// recording needs ffmpeg, which this machine lacks; page screenshots are PNGs already, so their
// compressed IDAT data can be reused as frames without decoding any pixels.
import * as zlib from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngChunk {
  readonly type: string;
  readonly data: Buffer;
}

/** The chunks of a PNG file, with each CRC checked. */
export function parsePngChunks(png: Buffer): PngChunk[] {
  if (png.length < SIGNATURE.length || !png.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
    throw new Error('not a PNG: bad signature');
  }
  const chunks: PngChunk[] = [];
  let offset = SIGNATURE.length;
  while (offset < png.length) {
    if (offset + 12 > png.length) throw new Error(`truncated PNG chunk at byte ${offset}`);
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > png.length) throw new Error(`truncated PNG chunk ${type} at byte ${offset}`);
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    if (crc !== crc32(png.subarray(offset + 4, offset + 8 + length))) throw new Error(`bad CRC in PNG chunk ${type}`);
    chunks.push({ type, data });
    offset = end;
    if (type === 'IEND') break;
  }
  return chunks;
}

function crc32(bytes: Buffer): number {
  return zlib.crc32(bytes) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function frameControl(sequence: number, width: number, height: number, delayMs: number): Buffer {
  const data = Buffer.alloc(26);
  data.writeUInt32BE(sequence, 0);
  data.writeUInt32BE(width, 4);
  data.writeUInt32BE(height, 8);
  data.writeUInt32BE(0, 12); // x offset
  data.writeUInt32BE(0, 16); // y offset
  // The delay as a fraction: delayMs / 1000 seconds (both fit in 16 bits for sane delays).
  data.writeUInt16BE(Math.min(0xffff, Math.round(delayMs)), 20);
  data.writeUInt16BE(1000, 22);
  data.writeUInt8(0, 24); // dispose: none (every frame covers the whole canvas)
  data.writeUInt8(0, 25); // blend: source
  return chunk('fcTL', data);
}

/**
 * Encodes same-sized PNGs as one looping APNG, showing frame i for `delayMs` (or `delayMs[i]`)
 * milliseconds. Viewers without APNG support show the first frame.
 */
export function encodeApng(frames: Buffer[], delayMs: number | number[]): Buffer {
  if (frames.length === 0) throw new Error('encodeApng needs at least one frame');
  if (Array.isArray(delayMs) && delayMs.length !== frames.length) {
    throw new Error(`encodeApng got ${frames.length} frames but ${delayMs.length} delays`);
  }
  const parsed = frames.map((png, i) => {
    try {
      return parsePngChunks(png);
    } catch (err) {
      throw new Error(`frame ${i}: ${(err as Error).message}`, { cause: err });
    }
  });
  const ihdrOf = (chunks: PngChunk[], i: number): Buffer => {
    const first = chunks[0];
    if (first?.type !== 'IHDR') throw new Error(`frame ${i}: the first chunk is not IHDR`);
    return first.data;
  };
  const ihdr = ihdrOf(parsed[0] ?? [], 0);
  parsed.forEach((chunks, i) => {
    const own = ihdrOf(chunks, i);
    if (!own.equals(ihdr)) {
      throw new Error(
        `frame ${i} does not match frame 0: IHDR ${own.readUInt32BE(0)}x${own.readUInt32BE(4)} ` +
          `(${own.toString('hex')}) vs ${ihdr.readUInt32BE(0)}x${ihdr.readUInt32BE(4)} (${ihdr.toString('hex')})`,
      );
    }
    if (!chunks.some((c) => c.type === 'IDAT')) throw new Error(`frame ${i} has no IDAT chunk`);
    // Indexed-colour frames would each need the same palette; screenshots are truecolour.
    const plte = chunks.find((c) => c.type === 'PLTE');
    const firstPlte = (parsed[0] ?? []).find((c) => c.type === 'PLTE');
    if (
      (plte === undefined) !== (firstPlte === undefined) ||
      (plte && firstPlte && !plte.data.equals(firstPlte.data))
    ) {
      throw new Error(`frame ${i} has a different palette from frame 0`);
    }
  });
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const delayOf = (i: number): number => (Array.isArray(delayMs) ? (delayMs[i] ?? 0) : delayMs);

  const actl = Buffer.alloc(8);
  actl.writeUInt32BE(frames.length, 0);
  actl.writeUInt32BE(0, 4); // loop forever
  const out: Buffer[] = [SIGNATURE, chunk('IHDR', ihdr), chunk('acTL', actl)];
  // Ancillary chunks that must come before IDAT (colour space, gamma, palette) from frame 0.
  for (const c of parsed[0] ?? []) {
    if (['PLTE', 'sRGB', 'gAMA', 'cHRM', 'iCCP', 'sBIT', 'pHYs', 'tRNS'].includes(c.type))
      out.push(chunk(c.type, c.data));
  }
  let sequence = 0;
  parsed.forEach((chunks, i) => {
    out.push(frameControl(sequence++, width, height, delayOf(i)));
    for (const c of chunks) {
      if (c.type !== 'IDAT') continue;
      if (i === 0) {
        out.push(chunk('IDAT', c.data));
      } else {
        const seq = Buffer.alloc(4);
        seq.writeUInt32BE(sequence++, 0);
        out.push(chunk('fdAT', Buffer.concat([seq, c.data])));
      }
    }
  });
  out.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(out);
}
