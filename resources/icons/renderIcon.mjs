// Runs in: the developer's machine (plain Node), by hand: `node resources/icons/renderIcon.mjs`.
// Draws the Treasury app icon from one shape list into both icon.svg (for the web and docs) and a
// 512x512 icon.png (electron-builder turns it into .icns, .ico and the Linux icon set). The PNG is
// rasterised here, with a small encoder, so no image tool is needed. Output is deterministic.

import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

export const SIZE = 512
const SUPERSAMPLE = 4 // 4x4 samples per pixel: smooth edges without an anti-aliasing algorithm

// Geometry on a 512 grid, painted in order. A navy tile, a gold coin with a darker rim, and a
// navy "T" standing on a ledger line: money and bookkeeping.
export const SHAPES = [
  { kind: 'roundedRect', x: 16, y: 16, w: 480, h: 480, r: 104, fill: '#0B3B5B' },
  { kind: 'circle', cx: 256, cy: 248, r: 172, fill: '#C98F1E' },
  { kind: 'circle', cx: 256, cy: 248, r: 152, fill: '#F2B84B' },
  { kind: 'roundedRect', x: 166, y: 160, w: 180, h: 44, r: 10, fill: '#0B3B5B' },
  { kind: 'roundedRect', x: 234, y: 160, w: 44, h: 176, r: 10, fill: '#0B3B5B' },
  { kind: 'roundedRect', x: 112, y: 440, w: 288, h: 14, r: 7, fill: '#F2B84B' }
]

function inside(shape, px, py) {
  switch (shape.kind) {
    case 'circle':
      return (px - shape.cx) ** 2 + (py - shape.cy) ** 2 <= shape.r ** 2
    case 'roundedRect': {
      const { x, y, w, h, r } = shape
      if (px < x || py < y || px > x + w || py > y + h) return false
      const cx = Math.min(Math.max(px, x + r), x + w - r)
      const cy = Math.min(Math.max(py, y + r), y + h - r)
      return (px - cx) ** 2 + (py - cy) ** 2 <= r ** 2
    }
    default:
      throw new Error(`unknown shape ${shape.kind}`)
  }
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))

/** RGBA pixels, row-major, premultiplied nowhere: straight alpha as PNG expects. */
export function rasterise(size = SIZE) {
  const pixels = Buffer.alloc(size * size * 4)
  const scale = SIZE / size
  const colours = SHAPES.map((s) => rgb(s.fill))
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const px = (x + (sx + 0.5) / SUPERSAMPLE) * scale
          const py = (y + (sy + 0.5) / SUPERSAMPLE) * scale
          for (let i = SHAPES.length - 1; i >= 0; i--) {
            if (inside(SHAPES[i], px, py)) {
              const [cr, cg, cb] = colours[i]
              r += cr
              g += cg
              b += cb
              a += 1
              break
            }
          }
        }
      }
      const o = (y * size + x) * 4
      // Colour is averaged over covered samples only, so edges fade in alpha without darkening.
      if (a > 0) {
        pixels[o] = Math.round(r / a)
        pixels[o + 1] = Math.round(g / a)
        pixels[o + 2] = Math.round(b / a)
      }
      pixels[o + 3] = Math.round((a * 255) / (SUPERSAMPLE * SUPERSAMPLE))
    }
  }
  return pixels
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

export function crc32(bytes) {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typeAndData))
  return Buffer.concat([length, typeAndData, crc])
}

/** A truecolour-with-alpha, 8-bit, non-interlaced PNG of `pixels`. */
export function encodePng(pixels, size) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // colour type: RGBA
  // compression, filter and interlace methods stay 0
  const rows = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0 // filter: none
    pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0))
  ])
}

export function renderSvg() {
  const body = SHAPES.map((s) =>
    s.kind === 'circle'
      ? `  <circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}"/>`
      : `  <rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.fill}"/>`
  )
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">`,
    '  <title>Treasury</title>',
    ...body,
    '</svg>',
    ''
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const here = dirname(fileURLToPath(import.meta.url))
  writeFileSync(join(here, 'icon.svg'), renderSvg())
  writeFileSync(join(here, 'icon.png'), encodePng(rasterise(SIZE), SIZE))
  console.log(`wrote ${join(here, 'icon.svg')} and ${join(here, 'icon.png')} (${SIZE}x${SIZE})`)
}
