import { crc32, deflateSync } from 'node:zlib';

/** The page's colours, also used by the manifest. */
export const ICON_BACKGROUND = '#0b5394';
const BACKGROUND: [number, number, number] = [0x0b, 0x53, 0x94];
const FOREGROUND: [number, number, number] = [0xff, 0xff, 0xff];

/**
 * A house on the page's blue, drawn inside the middle 60% so it survives any mask shape (maskable
 * icons): the same picture as icon.svg. Coordinates are fractions of the side.
 */
function isHouse(x: number, y: number): boolean {
  const roof = y >= 0.26 && y <= 0.5 && Math.abs(x - 0.5) <= (y - 0.26) * (0.28 / 0.24);
  const body = x >= 0.3 && x <= 0.7 && y >= 0.49 && y <= 0.74;
  const door = x >= 0.45 && x <= 0.55 && y >= 0.58 && y <= 0.74;
  return (roof || body) && !door;
}

export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="${ICON_BACKGROUND}"/><path fill="#fff" fill-rule="evenodd" d="M50 26 78 50H70V74H30V50H22ZM45 58V74H55V58Z"/></svg>\n`;

/** A square RGB PNG of the icon, `size` pixels wide, written without any image library. */
export function drawIconPng(size: number): Buffer {
  const rows: Buffer[] = [];
  for (let row = 0; row < size; row++) {
    const line = Buffer.alloc(1 + size * 3); // filter byte 0, then RGB
    for (let column = 0; column < size; column++) {
      const colour = isHouse((column + 0.5) / size, (row + 0.5) / size) ? FOREGROUND : BACKGROUND;
      line.set(colour, 1 + column * 3);
    }
    rows.push(line);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
