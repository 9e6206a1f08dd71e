import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrintDocumentOptions } from '../../../shared/notify/letter-print-document';
import { projectFolder } from '../project-folder';

/** Where the bundled letter fonts are when the core runs from its sources (the command line and web mode). */
export const sourceLetterFontsDir = (): string => join(projectFolder(import.meta.url), 'resources', 'letter-fonts');

const FONT_FILES = [
  ['normal', 'LiberationSans-Regular.ttf'],
  ['bold', 'LiberationSans-Bold.ttf'],
] as const;

/** The organisation's logo for the top of letters, if the post room put one in the data folder. */
export const LOGO_FILES = [
  ['letter-logo.svg', 'image/svg+xml'],
  ['letter-logo.png', 'image/png'],
] as const;

async function readLogo(dataDir: string): Promise<string | null> {
  for (const [name, type] of LOGO_FILES) {
    try {
      const bytes = await readFile(join(dataDir, name));
      return `data:${type};base64,${bytes.toString('base64')}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return null;
}

/** The fonts and logo every letter of a run is printed with. */
export async function loadLetterAssets(fontsDir: string, dataDir: string): Promise<PrintDocumentOptions> {
  const fonts = await Promise.all(
    FONT_FILES.map(async ([weight, file]) => ({
      weight,
      url: `data:font/ttf;base64,${(await readFile(join(fontsDir, file))).toString('base64')}`,
    })),
  );
  return { fonts, logoUrl: await readLogo(dataDir) };
}
