import { inflateSync } from 'node:zlib';

/**
 * A minimal PNG decoder for tests (8-bit RGB/RGBA, non-interlaced: what resvg writes), so
 * pixels can be checked without another dependency.
 */
export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row by row. */
  pixels: Uint8Array;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

export function decodePng(data: Uint8Array): DecodedPng {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (!SIGNATURE.every((byte, index) => buffer[index] === byte)) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('ascii', offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const bitDepth = body[8];
      colorType = body[9] ?? 0;
      if (bitDepth !== 8 || (colorType !== 6 && colorType !== 2) || body[12] !== 0) {
        throw new Error(
          `unsupported PNG: bit depth ${bitDepth}, colour type ${colorType}, interlace ${body[12]}`,
        );
      }
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  const channels = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)] ?? 0;
    const source = y * (stride + 1) + 1;
    for (let x = 0; x < stride; x += 1) {
      const value = raw[source + x] ?? 0;
      const left = x >= channels ? (rows[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (rows[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= channels ? (rows[(y - 1) * stride + x - channels] ?? 0) : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) predicted = paeth(left, up, upLeft);
      rows[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height * 4);
  for (let index = 0; index < width * height; index += 1) {
    pixels[index * 4] = rows[index * channels] ?? 0;
    pixels[index * 4 + 1] = rows[index * channels + 1] ?? 0;
    pixels[index * 4 + 2] = rows[index * channels + 2] ?? 0;
    pixels[index * 4 + 3] = channels === 4 ? (rows[index * channels + 3] ?? 0) : 255;
  }
  return { width, height, pixels };
}

/** Pixels that are visibly not white: "ink" on the page. */
export function inkCount(image: DecodedPng): number {
  let count = 0;
  for (let index = 0; index < image.pixels.length; index += 4) {
    const r = image.pixels[index] ?? 255;
    const g = image.pixels[index + 1] ?? 255;
    const b = image.pixels[index + 2] ?? 255;
    if (r < 200 || g < 200 || b < 200) count += 1;
  }
  return count;
}

/** Share of pixels whose largest channel difference exceeds `tolerance` (0–255). */
export function mismatchRatio(a: DecodedPng, b: DecodedPng, tolerance = 48): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let mismatched = 0;
  for (let index = 0; index < a.pixels.length; index += 4) {
    let worst = 0;
    for (let channel = 0; channel < 3; channel += 1) {
      worst = Math.max(worst, Math.abs((a.pixels[index + channel] ?? 0) - (b.pixels[index + channel] ?? 0)));
    }
    if (worst > tolerance) mismatched += 1;
  }
  return mismatched / (a.width * a.height);
}
