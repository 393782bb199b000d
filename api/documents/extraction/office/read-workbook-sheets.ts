import yauzl from 'yauzl';

/** A sheet as the workbook lists it: in tab order, with its visibility. */
export interface WorkbookSheet {
  name: string;
  hidden: boolean;
}

const WORKBOOK_PART = 'xl/workbook.xml';
const MAX_WORKBOOK_BYTES = 4 * 1024 * 1024;
const SHEET_TAG = /<(?:\w+:)?sheet\b[^>]*>/g;

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const decodeXml = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function readPart(bytes: Uint8Array, partName: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true }, (openError, zip) => {
      if (openError) return resolve(undefined);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== partName || entry.uncompressedSize > MAX_WORKBOOK_BYTES) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return resolve(undefined);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
          stream.on('error', () => resolve(undefined));
        });
      });
      zip.on('end', () => resolve(undefined));
      zip.on('error', () => resolve(undefined));
      zip.readEntry();
    });
  });
}

/**
 * The sheets of an XLSX in tab order with their visibility (officeparser gives them in archive order
 * and includes hidden ones). Empty when the workbook part cannot be read.
 */
export async function readWorkbookSheets(bytes: Uint8Array): Promise<WorkbookSheet[]> {
  const workbook = await readPart(bytes, WORKBOOK_PART);
  if (!workbook) return [];
  return [...workbook.matchAll(SHEET_TAG)].map(([tag]) => ({
    name: decodeXml(attribute(tag, 'name') ?? ''),
    hidden: /^(hidden|veryHidden)$/.test(attribute(tag, 'state') ?? ''),
  }));
}
