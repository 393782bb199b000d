import { OPS, Util, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

type Matrix = number[];
/** An axis-aligned box in PDF user space: [x0, y0, x1, y1]. */
type Box = number[];
type Args = unknown[];

interface GraphicsState {
  ctm: Matrix;
  /** Bounding box of the clipping path; undefined while nothing clips. */
  clip: Box | undefined;
  fontSize: number;
  /** Glyph widths are in font units: this turns them into text space (1/1000 for most fonts). */
  fontUnit: number;
  leading: number;
  charSpacing: number;
  wordSpacing: number;
  horizontalScale: number;
  rise: number;
}

interface Replay {
  page: PDFPageProxy;
  state: GraphicsState;
  saved: GraphicsState[];
  textMatrix: Matrix;
  line: { x: number; y: number };
  position: { x: number; y: number };
  pendingClip: boolean;
  clipped: Set<string>;
  visible: Set<string>;
}

interface Glyph {
  width?: number;
  isSpace?: boolean;
  unicode?: string;
}

/** Text items start where a showText did, up to rounding: origins are compared on this grid (points). */
const ORIGIN_GRID_PT = 0.5;
/** Clip boxes are rounded by their producers; a run this close to one still shows. */
const CLIP_TOLERANCE_PT = 0.5;
/** A run is treated as this tall (in font sizes) when it is tested against the clip box. */
const RUN_HEIGHT_EM = 0.7;
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

const cell = (value: number) => Math.round(value / ORIGIN_GRID_PT);
/** Two draws at one place are told apart by their first letter: hidden "ARE YOU READY" under visible "BE PREPARED". */
const firstLetter = (text: string) => text.normalize('NFKC').trim().charAt(0).toLowerCase();
const drawKey = (x: number, y: number, letter: string) => `${cell(x)},${cell(y)},${letter}`;
const neighbourKeys = (x: number, y: number, letter: string) =>
  [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy) => drawKey(x + dx * ORIGIN_GRID_PT, y + dy * ORIGIN_GRID_PT, letter)));

function transformBox(box: ArrayLike<number>, matrix: Matrix): Box {
  const bounds = [Infinity, Infinity, -Infinity, -Infinity];
  Util.axialAlignedBoundingBox([box[0]!, box[1]!, box[2]!, box[3]!], matrix, bounds);
  return bounds;
}

function clipTo(replay: Replay, box: ArrayLike<number>, matrix: Matrix): void {
  const bounds = transformBox(box, matrix);
  const current = replay.state.clip;
  replay.state.clip = current ? (Util.intersect(current, bounds) ?? [0, 0, 0, 0]) : bounds;
}

function moveText(replay: Replay, x: number, y: number): void {
  replay.line = { x: replay.line.x + x, y: replay.line.y + y };
  replay.position = { ...replay.line };
}

function startText(replay: Replay, matrix: Matrix): void {
  replay.textMatrix = matrix;
  replay.line = { x: 0, y: 0 };
  replay.position = { x: 0, y: 0 };
}

/** The advance of one showText in text space, computed as pdf.js's canvas does. */
function advance(glyphs: ReadonlyArray<Glyph | number>, state: GraphicsState): number {
  let x = 0;
  for (const glyph of glyphs) {
    if (typeof glyph === 'number') x -= (glyph * state.fontSize) / 1000;
    else x += (glyph.width ?? 0) * state.fontSize * state.fontUnit + (glyph.isSpace ? state.wordSpacing : 0) + state.charSpacing;
  }
  return x * state.horizontalScale;
}

function showText(replay: Replay, glyphs: ReadonlyArray<Glyph | number>): void {
  const { state, position } = replay;
  const letter = firstLetter(glyphs.map((glyph) => (typeof glyph === 'number' ? '' : (glyph.unicode ?? ''))).join(''));
  const toPage = Util.transform(state.ctm, replay.textMatrix);
  const start = [position.x, position.y + state.rise];
  Util.applyTransform(start, toPage);
  replay.position = { x: position.x + advance(glyphs, state), y: position.y };
  const end = [replay.position.x, position.y + state.rise + state.fontSize * RUN_HEIGHT_EM];
  Util.applyTransform(end, toPage);
  const clip = state.clip;
  const [x0, y0, x1, y1] = [Math.min(start[0]!, end[0]!), Math.min(start[1]!, end[1]!), Math.max(start[0]!, end[0]!), Math.max(start[1]!, end[1]!)];
  const seen = !clip || (x1 >= clip[0]! - CLIP_TOLERANCE_PT && x0 <= clip[2]! + CLIP_TOLERANCE_PT && y1 >= clip[1]! - CLIP_TOLERANCE_PT && y0 <= clip[3]! + CLIP_TOLERANCE_PT);
  if (letter) (seen ? replay.visible : replay.clipped).add(drawKey(start[0]!, start[1]!, letter));
}

const save = (replay: Replay) => replay.saved.push({ ...replay.state });
const restore = (replay: Replay) => {
  replay.state = replay.saved.pop() ?? replay.state;
};

/** What each operator does to the clip, the transform and the text position; everything else is ignored. */
const HANDLERS: Partial<Record<number, (replay: Replay, args: Args) => void>> = {
  [OPS.save]: save,
  [OPS.restore]: restore,
  [OPS.transform]: (replay, args) => (replay.state.ctm = Util.transform(replay.state.ctm, args as Matrix)),
  [OPS.clip]: (replay) => (replay.pendingClip = true),
  [OPS.eoClip]: (replay) => (replay.pendingClip = true),
  [OPS.constructPath]: (replay, args) => {
    const bounds = args[2] as ArrayLike<number> | null;
    if (replay.pendingClip && bounds) clipTo(replay, bounds, replay.state.ctm);
    replay.pendingClip = false;
  },
  [OPS.paintFormXObjectBegin]: (replay, [matrix, bbox]) => {
    save(replay);
    if (matrix) replay.state.ctm = Util.transform(replay.state.ctm, Array.from(matrix as ArrayLike<number>));
    if (bbox) clipTo(replay, bbox as ArrayLike<number>, replay.state.ctm);
  },
  [OPS.paintFormXObjectEnd]: restore,
  [OPS.beginGroup]: (replay, [group]) => {
    save(replay);
    const { bbox, matrix } = group as { bbox?: ArrayLike<number> | null; matrix?: Matrix | null };
    if (bbox) clipTo(replay, bbox, Util.transform(replay.state.ctm, matrix ?? IDENTITY));
  },
  [OPS.endGroup]: restore,
  [OPS.beginText]: (replay) => startText(replay, IDENTITY),
  [OPS.setTextMatrix]: (replay, [matrix]) => startText(replay, Array.from(matrix as ArrayLike<number>)),
  [OPS.moveText]: (replay, [x, y]) => moveText(replay, x as number, y as number),
  [OPS.setLeadingMoveText]: (replay, [x, y]) => {
    replay.state.leading = y as number;
    moveText(replay, x as number, y as number);
  },
  [OPS.nextLine]: (replay) => moveText(replay, 0, replay.state.leading),
  [OPS.setLeading]: (replay, [leading]) => (replay.state.leading = -(leading as number)),
  [OPS.setCharSpacing]: (replay, [spacing]) => (replay.state.charSpacing = spacing as number),
  [OPS.setWordSpacing]: (replay, [spacing]) => (replay.state.wordSpacing = spacing as number),
  [OPS.setHScale]: (replay, [scale]) => (replay.state.horizontalScale = (scale as number) / 100),
  [OPS.setTextRise]: (replay, [rise]) => (replay.state.rise = rise as number),
  [OPS.setFont]: (replay, [fontId, size]) => {
    const font = replay.page.commonObjs.has(fontId as string) ? (replay.page.commonObjs.get(fontId as string) as { fontMatrix?: number[] } | null) : null;
    replay.state.fontSize = Math.abs(size as number);
    replay.state.fontUnit = font?.fontMatrix?.[0] ?? 0.001;
  },
  [OPS.showText]: (replay, [glyphs]) => showText(replay, glyphs as Glyph[]),
};

/**
 * Tells which text items start where text was drawn entirely outside its clipping path, e.g. a whole
 * placed PDF page cropped down to one icon: invisible, yet in pdf.js's text content, which ignores
 * clipping. Replays the page's operator list for transforms, clips, forms and text positions; an item
 * is clipped when a clipped draw and no visible one starts where it starts, with its first letter.
 * Text under an opaque shape or in a hidden layer is not detected.
 */
export async function findClippedText(page: PDFPageProxy): Promise<(x: number, y: number, text: string) => boolean> {
  const { fnArray, argsArray } = await page.getOperatorList();
  const replay: Replay = {
    page,
    state: { ctm: IDENTITY, clip: undefined, fontSize: 0, fontUnit: 0.001, leading: 0, charSpacing: 0, wordSpacing: 0, horizontalScale: 1, rise: 0 },
    saved: [],
    textMatrix: IDENTITY,
    line: { x: 0, y: 0 },
    position: { x: 0, y: 0 },
    pendingClip: false,
    clipped: new Set(),
    visible: new Set(),
  };
  for (let index = 0; index < fnArray.length; index += 1) HANDLERS[fnArray[index]!]?.(replay, argsArray[index] as Args);
  return (x, y, text) => {
    const keys = neighbourKeys(x, y, firstLetter(text));
    return keys.some((key) => replay.clipped.has(key)) && !keys.some((key) => replay.visible.has(key));
  };
}
