import { posix } from 'node:path';
import { ImportError } from './import-error';
import { elementsNamed } from './xlsx-xml';
import { xmlPartText, xmlPartWhole } from './xml-part-text';
import { damagedWorkbookError, ZipArchive, type ZipEntry } from './zip-archive';

/** A relationship from one part to another, its target resolved to a part name (no leading slash). */
export interface PartRelationship {
  id: string;
  /** The type's last word: officeDocument, worksheet, chartsheet, sharedStrings, styles… (transitional or strict). */
  kind: string;
  target: string;
}

export interface WorkbookSheet {
  name: string;
  hidden: boolean;
  /** The sheet's part, found through the workbook's relationships. */
  entry: ZipEntry;
}

/**
 * An XLSX file as an Open Packaging package: parts are found through relationships, from the package's own
 * (`_rels/.rels`) to the workbook's, and part names are matched without regard to case, as OPC requires. Only
 * worksheets are offered as sheets: chart sheets, dialog sheets and macro sheets hold no rows.
 */
export class WorkbookPackage {
  private readonly byName: ReadonlyMap<string, ZipEntry>;

  private constructor(
    readonly archive: ZipArchive,
    readonly fileName: string,
  ) {
    this.byName = new Map(archive.entries.map((entry) => [entry.name.toLowerCase(), entry]));
  }

  /** Opens the file and refuses what is not a workbook (an OpenDocument file, a password, a zip bomb). */
  static async open(path: string, fileName: string): Promise<WorkbookPackage> {
    const archive = await ZipArchive.open(path, fileName);
    const workbookPackage = new WorkbookPackage(archive, fileName);
    try {
      const mimetype = workbookPackage.entry('mimetype');
      if (mimetype && (await archive.whole(mimetype)).toString('latin1').includes('opendocument')) {
        throw new ImportError('ods-file', odsMessage(fileName));
      }
      if (archive.entries.some((entry) => entry.encrypted))
        throw new ImportError('password-protected', passwordMessage(fileName));
      archive.assertNotZipBomb();
      return workbookPackage;
    } catch (error) {
      archive.close();
      throw error;
    }
  }

  close(): void {
    this.archive.close();
  }

  entry(partName: string): ZipEntry | undefined {
    const name = partName.replace(/^\//, '').toLowerCase();
    return this.byName.get(name) ?? this.byName.get(safeDecodeUri(name));
  }

  text(entry: ZipEntry): AsyncGenerator<string> {
    return xmlPartText(this.archive.bytes(entry));
  }

  async whole(partName: string): Promise<string> {
    const entry = this.entry(partName);
    return entry ? xmlPartWhole(this.archive.bytes(entry)) : '';
  }

  /** The relationships of a part (or of the package, for ''), internal targets only. */
  async relationships(sourcePart: string): Promise<PartRelationship[]> {
    const directory = posix.dirname(`/${sourcePart}`);
    const xml = await this.whole(posix.join(directory, '_rels', `${posix.basename(sourcePart)}.rels`));
    const relationships: PartRelationship[] = [];
    for (const attributes of elementsNamed(xml, 'Relationship')) {
      const id = attributes.get('Id');
      const type = attributes.get('Type');
      const target = attributes.get('Target')?.replaceAll('\\', '/');
      if (!id || !type || !target || attributes.get('TargetMode') === 'External') continue;
      const absolute = target.startsWith('/') ? target : posix.join(directory, target);
      relationships.push({
        id,
        kind: type.slice(type.lastIndexOf('/') + 1),
        target: posix.normalize(absolute).replace(/^\/+/, ''),
      });
    }
    return relationships;
  }

  /** The workbook part: the package's main document, or where every producer puts it. */
  async workbookPart(): Promise<string> {
    const main = (await this.relationships('')).find(
      (relationship) => relationship.kind === 'officeDocument' && this.entry(relationship.target),
    );
    const partName = main?.target ?? 'xl/workbook.xml';
    if (!this.entry(partName)) {
      throw new ImportError(
        'not-a-workbook',
        `${this.fileName} is a zip file but not an Excel workbook. Choose an .xlsx, .xlsm or .csv file.`,
      );
    }
    return partName;
  }

  /** The workbook's worksheets in tab order, with what the cells refer to found from the same relationships. */
  async readWorkbook(): Promise<{ workbookXml: string; sheets: WorkbookSheet[]; related: PartRelationship[] }> {
    const workbookPart = await this.workbookPart();
    const [workbookXml, related] = await Promise.all([this.whole(workbookPart), this.relationships(workbookPart)]);
    const byId = new Map(related.map((relationship) => [relationship.id, relationship]));
    const sheets: WorkbookSheet[] = [];
    let listed = 0;
    for (const attributes of elementsNamed(workbookXml, 'sheet')) {
      listed += 1;
      const name = attributes.get('name');
      const relationship = byId.get(relationshipIdOf(attributes) ?? '');
      const entry = relationship?.kind === 'worksheet' ? this.entry(relationship.target) : undefined;
      if (name === undefined || !entry) continue;
      const state = attributes.get('state');
      sheets.push({ name, hidden: state === 'hidden' || state === 'veryHidden', entry });
    }
    if (sheets.length === 0) {
      if (listed > 0 && related.some((relationship) => relationship.kind === 'chartsheet')) {
        throw new ImportError(
          'no-worksheets',
          `${this.fileName} has only charts, no sheets of rows. Import the workbook that holds the data.`,
        );
      }
      throw damagedWorkbookError(this.fileName);
    }
    return { workbookXml, sheets, related };
  }
}

/** The sheet's r:id, whatever prefix its producer bound to the relationships namespace (r:, ns:, relationships:). */
function relationshipIdOf(attributes: ReadonlyMap<string, string>): string | undefined {
  for (const [name, value] of attributes) if (name.endsWith(':id')) return value;
  return attributes.get('id');
}

function safeDecodeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export const odsMessage = (fileName: string): string =>
  `${fileName} is an OpenDocument spreadsheet (.ods), which notify-desk cannot read. Open it in LibreOffice or Excel and choose File > Save As, then "Excel Workbook (.xlsx)" or "CSV", and import the new file.`;

export const xlsMessage = (fileName: string): string =>
  `${fileName} is an old Excel 97–2003 workbook (.xls), which notify-desk cannot read. Open it in Excel and choose File > Save As, then "Excel Workbook (.xlsx)" or "CSV UTF-8", and import the new file.`;

export const passwordMessage = (fileName: string): string =>
  `${fileName} is protected with a password, so it cannot be read. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, then clear it), save it and import it again.`;
