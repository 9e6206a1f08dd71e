import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNull,
  PDFPageLeaf,
  PDFRef,
  PDFStream,
  type PDFObject,
} from '@cantoo/pdf-lib';
import type { FileHandle } from 'node:fs/promises';

const CATALOG = PDFRef.of(1);
const PAGE_TREE = PDFRef.of(2);
const INHERITED_PAGE_ENTRIES = PDFPageLeaf.InheritableEntries.map((name) => PDFName.of(name));
const encoder = new TextEncoder();

/**
 * Writes many PDFs one after another into one PDF file, keeping only each object's byte offset in memory: every
 * document is parsed on its own (pdf-lib), its objects renumbered and written out at once, and the page tree and
 * cross-reference table written at the end. pdf-lib alone builds the whole merged document in memory before saving it,
 * which for a run of 1,000 letters holds every letter at once.
 */
export class PdfStreamWriter {
  private position = 0;
  /** Byte offset of each object, by object number (index 0 is the free-list head). */
  private readonly offsets: number[] = [0, 0, 0];
  private readonly pages: PDFRef[] = [];
  private chain: Promise<void> = Promise.resolve();

  private constructor(private readonly file: FileHandle) {}

  static async open(file: FileHandle): Promise<PdfStreamWriter> {
    const writer = new PdfStreamWriter(file);
    // A binary comment in the header tells transfer programs the file is binary.
    await writer.write([encoder.encode('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n')]);
    return writer;
  }

  get pageCount(): number {
    return this.pages.length;
  }

  /** Appends every page of `pdf`; returns how many it had. */
  async append(pdf: Uint8Array): Promise<number> {
    const document = await PDFDocument.load(pdf, { updateMetadata: false });
    const context = document.context;
    const pageLeaves = document.getPages().map((page) => page.node);
    const pageRefs = document.getPages().map((page) => page.ref);
    for (const leaf of pageLeaves) {
      for (const name of INHERITED_PAGE_ENTRIES) {
        const inherited = leaf.getInheritableAttribute(name);
        if (inherited !== undefined && leaf.get(name) === undefined) leaf.set(name, inherited);
      }
    }

    const kept = context
      .enumerateIndirectObjects()
      .filter(([ref, object]) => !isDocumentStructure(ref, object, context.trailerInfo));
    const renumbered = new Map<number, PDFRef>();
    for (const [ref] of kept) {
      renumbered.set(ref.objectNumber, PDFRef.of(this.offsets.length + renumbered.size));
    }
    const visited = new Set<PDFObject>();
    for (const [, object] of kept) renumber(object, renumbered, visited);
    for (const leaf of pageLeaves) leaf.set(PDFName.of('Parent'), PAGE_TREE);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (const [ref, object] of kept) {
      const target = renumbered.get(ref.objectNumber) as PDFRef;
      const body = serialise(object);
      const head = encoder.encode(`${target.objectNumber} 0 obj\n`);
      const tail = encoder.encode('\nendobj\n');
      this.offsets[target.objectNumber] = this.position + size;
      chunks.push(head, body, tail);
      size += head.length + body.length + tail.length;
    }
    for (const ref of pageRefs) this.pages.push(renumbered.get(ref.objectNumber) as PDFRef);
    await this.write(chunks);
    return pageRefs.length;
  }

  /** Writes the page tree, the catalogue and the cross-reference table. */
  async finish(): Promise<void> {
    const kids = this.pages.map((ref) => ref.toString()).join(' ');
    const objects: [PDFRef, string][] = [
      [PAGE_TREE, `<< /Type /Pages /Kids [${kids}] /Count ${this.pages.length} >>`],
      [CATALOG, `<< /Type /Catalog /Pages ${PAGE_TREE.toString()} >>`],
    ];
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (const [ref, text] of objects) {
      this.offsets[ref.objectNumber] = this.position + size;
      const bytes = encoder.encode(`${ref.objectNumber} 0 obj\n${text}\nendobj\n`);
      chunks.push(bytes);
      size += bytes.length;
    }
    const xrefAt = this.position + size;
    const entries = this.offsets.map((offset, number) =>
      number === 0 ? '0000000000 65535 f \n' : `${String(offset).padStart(10, '0')} 00000 n \n`,
    );
    chunks.push(
      encoder.encode(
        `xref\n0 ${this.offsets.length}\n${entries.join('')}trailer\n<< /Size ${this.offsets.length} /Root ${CATALOG.toString()} >>\nstartxref\n${xrefAt}\n%%EOF\n`,
      ),
    );
    await this.write(chunks);
  }

  private write(chunks: Uint8Array[]): Promise<void> {
    const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    this.position += length;
    this.chain = this.chain.then(async () => {
      await this.file.writev(chunks);
    });
    return this.chain;
  }
}

/** The document's own catalogue, information, page tree and cross-reference streams: replaced by the merged file's. */
function isDocumentStructure(ref: PDFRef, object: PDFObject, trailer: { Root?: PDFObject; Info?: PDFObject }): boolean {
  if (ref === trailer.Root || ref === trailer.Info) return true;
  const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : null;
  const type = dict?.get(PDFName.of('Type'));
  return (
    type === PDFName.of('Pages') ||
    type === PDFName.of('XRef') ||
    type === PDFName.of('ObjStm') ||
    type === PDFName.of('Catalog')
  );
}

/** Renumbers, in place and once each, every reference to a kept object; references to dropped ones become null. */
function renumber(object: PDFObject, renumbered: ReadonlyMap<number, PDFRef>, visited: Set<PDFObject>): void {
  if (visited.has(object)) return;
  visited.add(object);
  const swap = (value: PDFObject): PDFObject => {
    if (value instanceof PDFRef) return renumbered.get(value.objectNumber) ?? PDFNull;
    renumber(value, renumbered, visited);
    return value;
  };
  if (object instanceof PDFStream) {
    renumber(object.dict, renumbered, visited);
  } else if (object instanceof PDFDict) {
    for (const [key, value] of object.entries()) object.set(key, swap(value));
  } else if (object instanceof PDFArray) {
    for (let index = 0; index < object.size(); index += 1) object.set(index, swap(object.get(index)));
  }
}

function serialise(object: PDFObject): Uint8Array {
  const bytes = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(bytes, 0);
  return bytes;
}
