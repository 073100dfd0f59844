import * as assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { encodeApng, parsePngChunks } from '../e2e/ui/apng';

/** A w×h RGBA PNG filled with one colour, built by hand (signature, IHDR, IDAT, IEND). */
function solidPng(width: number, height: number, rgba: [number, number, number, number], idatSplit = 1): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(6, 9); // RGBA
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 4).map((_, i) => rgba[i % 4] ?? 0)]);
  const compressed = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  // A PNG may split its image data over several IDAT chunks; screenshots often do.
  const step = Math.ceil(compressed.length / idatSplit);
  const idats: Buffer[] = [];
  for (let at = 0; at < compressed.length; at += step) idats.push(chunk('IDAT', compressed.subarray(at, at + step)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...idats,
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('encodeApng', () => {
  const frames = [
    solidPng(4, 3, [255, 0, 0, 255]),
    solidPng(4, 3, [0, 255, 0, 255], 2),
    solidPng(4, 3, [0, 0, 255, 128]),
  ];

  it('writes IHDR, acTL, then fcTL+IDAT for frame 0 and fcTL+fdAT for the others, then IEND', () => {
    const chunks = parsePngChunks(encodeApng(frames, 800)); // parsePngChunks checks every CRC
    assert.deepEqual(
      chunks.map((c) => c.type),
      ['IHDR', 'acTL', 'fcTL', 'IDAT', 'fcTL', 'fdAT', 'fdAT', 'fcTL', 'fdAT', 'IEND'],
    );
    const actl = chunks[1]?.data;
    assert.equal(actl?.readUInt32BE(0), 3, 'num_frames');
    assert.equal(actl?.readUInt32BE(4), 0, 'num_plays: loop forever');
    assert.ok(chunks[0]?.data.equals(parsePngChunks(frames[0] ?? Buffer.alloc(0))[0]?.data ?? Buffer.alloc(0)));
  });

  it('numbers fcTL and fdAT chunks contiguously from 0', () => {
    const chunks = parsePngChunks(encodeApng(frames, 800));
    const sequence = chunks.filter((c) => c.type === 'fcTL' || c.type === 'fdAT').map((c) => c.data.readUInt32BE(0));
    assert.deepEqual(sequence, [0, 1, 2, 3, 4, 5]);
  });

  it("keeps frame 0's IDAT and carries the other frames' image data in fdAT", () => {
    const chunks = parsePngChunks(encodeApng(frames, 800));
    const idatOf = (png: Buffer): Buffer =>
      Buffer.concat(
        parsePngChunks(png)
          .filter((c) => c.type === 'IDAT')
          .map((c) => c.data),
      );
    assert.ok(chunks.find((c) => c.type === 'IDAT')?.data.equals(idatOf(frames[0] ?? Buffer.alloc(0))));
    const fdat = chunks.filter((c) => c.type === 'fdAT').map((c) => c.data.subarray(4));
    assert.ok(Buffer.concat(fdat.slice(0, 2)).equals(idatOf(frames[1] ?? Buffer.alloc(0))));
    assert.ok(fdat[2]?.equals(idatOf(frames[2] ?? Buffer.alloc(0))));
    // The frame data still inflates to the right number of bytes: 3 rows of (filter byte + 4 RGBA pixels).
    assert.equal(zlib.inflateSync(Buffer.concat(fdat.slice(0, 2))).length, 3 * (1 + 4 * 4));
  });

  it('writes size and per-frame delays into each fcTL', () => {
    const chunks = parsePngChunks(encodeApng(frames, [700, 900, 1200]));
    const fctl = chunks.filter((c) => c.type === 'fcTL').map((c) => c.data);
    assert.deepEqual(
      fctl.map((d) => [d.readUInt32BE(4), d.readUInt32BE(8), d.readUInt16BE(20) / d.readUInt16BE(22)]),
      [
        [4, 3, 0.7],
        [4, 3, 0.9],
        [4, 3, 1.2],
      ],
    );
  });

  it('rejects frames whose IHDR differs from the first', () => {
    assert.throws(
      () => encodeApng([solidPng(4, 3, [0, 0, 0, 255]), solidPng(5, 3, [0, 0, 0, 255])], 800),
      /frame 1 does not match frame 0: IHDR 5x3/,
    );
  });

  it('rejects no frames, a wrong number of delays and a non-PNG', () => {
    assert.throws(() => encodeApng([], 800), /at least one frame/);
    assert.throws(() => encodeApng(frames, [800]), /3 frames but 1 delays/);
    assert.throws(() => encodeApng([Buffer.from('GIF89a')], 800), /frame 0: not a PNG/);
  });
});
