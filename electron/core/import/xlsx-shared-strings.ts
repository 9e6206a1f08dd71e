import { decodeXmlText, joinCarried, nameIs, newXmlTag, readTag, type XmlTag } from './xlsx-xml';

/**
 * The workbook's shared strings, read as they are unpacked (in chunks of text cut anywhere): each <si> is the text of
 * its <t> elements (one, or one per rich-text run), leaving out phonetic guides (<rPh>).
 */
export async function sharedStringsFromText(chunks: AsyncIterable<string> | Iterable<string>): Promise<string[]> {
  const scanner = new SharedStringScanner();
  let carry = '';
  for await (const chunk of chunks) carry = scanner.scan(joinCarried(carry, chunk));
  return scanner.strings;
}

class SharedStringScanner {
  readonly strings: string[] = [];
  private readonly tag: XmlTag = newXmlTag();
  private inItem = false;
  private phoneticDepth = 0;
  private itemText = '';
  /** Where the text of the open <t> starts in the current chunk, or -1 outside one. */
  private textStart = -1;

  /** Scans what it can of text and returns the unfinished tag at its end, if any, to go before the next chunk. */
  scan(text: string): string {
    const tag = this.tag;
    let position = 0;
    for (;;) {
      const tagStart = text.indexOf('<', position);
      if (tagStart < 0) break;
      if (!readTag(text, tagStart, tag)) return this.carryFrom(text, tagStart);
      position = tag.end;
      if (tag.other) continue;
      const { localNameStart: start, nameEnd: end } = tag;
      if (nameIs(text, start, end, 't')) {
        if (!this.inItem || this.phoneticDepth > 0) continue;
        if (tag.closing) {
          if (this.textStart >= 0) this.itemText += text.slice(this.textStart, tagStart);
          this.textStart = -1;
        } else if (!tag.selfClosing) {
          this.textStart = tag.end;
        }
      } else if (nameIs(text, start, end, 'si')) {
        if (tag.closing || tag.selfClosing) {
          this.strings.push(tag.selfClosing ? '' : decodeXmlText(this.itemText));
          this.inItem = false;
        } else {
          this.textStart = -1;
          const plainEnd = this.readPlainItem(text, tag.end);
          if (plainEnd >= 0) {
            position = plainEnd;
            continue;
          }
          this.inItem = true;
          this.itemText = '';
          this.phoneticDepth = 0;
        }
        this.textStart = -1;
      } else if (nameIs(text, start, end, 'rPh') && !tag.selfClosing) {
        this.phoneticDepth += tag.closing ? -1 : 1;
      }
    }
    return this.carryFrom(text, text.length);
  }

  /** Most items are <si><t>text</t></si>: reads such an item in one step and returns where it ends, or -1. */
  private readPlainItem(text: string, from: number): number {
    if (!text.startsWith('<t>', from)) return -1;
    const textEnd = text.indexOf('<', from + 3);
    if (textEnd < 0 || !text.startsWith('</t></si>', textEnd)) return -1;
    this.strings.push(decodeXmlText(text.slice(from + 3, textEnd)));
    return textEnd + 9;
  }

  private carryFrom(text: string, from: number): string {
    if (this.textStart >= 0) {
      this.itemText += text.slice(this.textStart, from);
      this.textStart = 0;
    }
    return text.slice(from);
  }
}
