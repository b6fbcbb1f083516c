import { inflateSync } from 'node:zlib';

/** A QR code as rows of modules, `true` = dark. */
export type ModuleMatrix = boolean[][];

type Image = { width: number; height: number; dark(x: number, y: number): boolean };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * Decodes an 8-bit, non-interlaced PNG (grey or RGB, with or without alpha), such as the
 * server's QR code, into dark and light pixels. Built on `node:zlib` alone: printing a QR code
 * is not worth a dependency.
 */
export function decodePng(png: Buffer): Image {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG image');
  let header: Buffer | undefined;
  const data: Buffer[] = [];
  for (let offset = 8; offset + 8 <= png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!header) throw new Error('PNG without a header');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [bitDepth, colorType, , , interlace] = header.subarray(8, 13);
  const channels = CHANNELS[colorType ?? -1];
  if (bitDepth !== 8 || !channels || interlace !== 0) {
    throw new Error('unsupported PNG format (needs 8-bit, non-interlaced, no palette)');
  }
  const pixels = unfilter(inflateSync(Buffer.concat(data)), width * channels, height, channels);
  const stride = width * channels;
  const hasAlpha = colorType === 4 || colorType === 6;
  return {
    width,
    height,
    dark(x, y) {
      const at = y * stride + x * channels;
      if (hasAlpha && (pixels[at + channels - 1] ?? 0) < 128) return false;
      const grey =
        channels >= 3
          ? ((pixels[at] ?? 0) + (pixels[at + 1] ?? 0) + (pixels[at + 2] ?? 0)) / 3
          : (pixels[at] ?? 0);
      return grey < 128;
    },
  };
}

/** Undoes PNG's per-row filters (none, sub, up, average, Paeth), in place of a copy. */
function unfilter(raw: Buffer, stride: number, height: number, bytesPerPixel: number): Buffer {
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x += 1) {
      const left = x >= bytesPerPixel ? (out[y * stride + x - bytesPerPixel] ?? 0) : 0;
      const up = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft =
        y > 0 && x >= bytesPerPixel ? (out[(y - 1) * stride + x - bytesPerPixel] ?? 0) : 0;
      const predictor =
        filter === 1
          ? left
          : filter === 2
            ? up
            : filter === 3
              ? Math.floor((left + up) / 2)
              : filter === 4
                ? paeth(left, up, upLeft)
                : 0;
      out[y * stride + x] = ((row[x] ?? 0) + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

/**
 * Reads the module grid back out of a rendered QR code: the top-left finder pattern starts at
 * the first dark pixel and is 7 modules wide, which gives the module size; every module is
 * then sampled at its centre.
 */
export function readModules(image: Image): ModuleMatrix {
  let top = -1;
  let left = -1;
  for (let y = 0; y < image.height && top < 0; y += 1) {
    for (let x = 0; x < image.width; x += 1) {
      if (image.dark(x, y)) {
        top = y;
        left = x;
        break;
      }
    }
  }
  if (top < 0) throw new Error('no QR code in the image');
  let run = 0;
  while (left + run < image.width && image.dark(left + run, top)) run += 1;
  const moduleSize = run / 7;
  let right = image.width - 1;
  while (right > left && !image.dark(right, top)) right -= 1;
  const count = Math.round((right - left + 1) / moduleSize);
  if (moduleSize < 1 || count < 21) throw new Error('no QR code in the image');
  return Array.from({ length: count }, (_, row) =>
    Array.from({ length: count }, (_, column) =>
      image.dark(
        Math.floor(left + (column + 0.5) * moduleSize),
        Math.floor(top + (row + 0.5) * moduleSize),
      ),
    ),
  );
}

/**
 * Draws modules with half-block characters, two rows per line, inside a quiet zone. Light
 * modules are drawn and dark ones left blank, which reads right on the usual dark terminal.
 */
export function renderModules(modules: ModuleMatrix, quietZone = 2): string {
  const size = modules.length + 2 * quietZone;
  const light = (row: number, column: number): boolean =>
    !modules[row - quietZone]?.[column - quietZone];
  const lines: string[] = [];
  for (let row = 0; row < size; row += 2) {
    let line = '';
    for (let column = 0; column < size; column += 1) {
      const upper = light(row, column);
      const lower = row + 1 < size ? light(row + 1, column) : false;
      line += upper ? (lower ? '█' : '▀') : lower ? '▄' : ' ';
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/** The QR code in a `data:image/png;base64,` URL, as text for a terminal. */
export function qrCodeDataUrlToText(dataUrl: string): string {
  const base64 = dataUrl.replace(/^data:image\/png;base64,/, '');
  return renderModules(readModules(decodePng(Buffer.from(base64, 'base64'))));
}
