import { execFile } from 'node:child_process';
import type { LetterPrinter } from '../../../shared/contract';
import { UserError } from '../dispatch';

/** The operating system's printing: CUPS (`lp`, `lpstat`) on Linux and macOS, the print spooler on Windows. */
export interface PrintSpooler {
  listPrinters(): Promise<LetterPrinter[]>;
  /** Sends the PDF to the printer as one job; resolves once the job is spooled (not printed) with its id. */
  printPdf(file: string, printer: string, title: string): Promise<{ job: string | null }>;
}

interface CommandResult {
  stdout: string;
  stderr: string;
}

class CommandFailed extends Error {
  constructor(
    readonly code: string | number | null,
    readonly stderr: string,
  ) {
    super(stderr.trim() || `exit code ${String(code)}`);
  }
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { env, timeout: 60_000, maxBuffer: 4 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) reject(new CommandFailed((error as NodeJS.ErrnoException).code ?? null, String(stderr)));
        else resolve({ stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

const NO_CUPS =
  'Printing needs the CUPS print system (the lp and lpstat commands), which is not installed on this computer. Save the letters as a PDF instead.';

function cupsError(error: unknown): Error {
  if (error instanceof CommandFailed) {
    if (error.code === 'ENOENT') return new UserError(NO_CUPS, 'no-print-system');
    if (/scheduler is not running|Bad file descriptor|Connection refused|Unable to connect/i.test(error.stderr)) {
      return new UserError(
        'The print system (CUPS) is not running on this computer. Ask IT to start it, or save the letters as a PDF instead.',
        'print-system-down',
      );
    }
    return new UserError(`The print system refused: ${error.message}`, 'print-refused');
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** `lpstat -e` lists one destination a line; `lpstat -d` names the default. */
export function parseCupsPrinters(destinations: string, defaultLine: string): LetterPrinter[] {
  const defaultName = /system default destination:\s*(\S+)/.exec(defaultLine)?.[1] ?? null;
  return destinations
    .split('\n')
    .map((line) => line.trim())
    .filter((name) => name !== '')
    .map((name) => ({ name, isDefault: name === defaultName }));
}

/** `lp` answers `request id is Printer-12 (1 file(s))`. */
export function parseCupsJob(stdout: string): string | null {
  return /request id is (\S+)/.exec(stdout)?.[1] ?? null;
}

/** The options every letter job is sent with: A4, one side per sheet, no scaling (the address must stay in the window). */
export function cupsPrintArguments(file: string, printer: string, title: string): string[] {
  return [
    '-d',
    printer,
    '-o',
    'media=A4',
    '-o',
    'sides=one-sided',
    '-o',
    'print-scaling=none',
    '-t',
    title,
    '--',
    file,
  ];
}

export const cupsSpooler: PrintSpooler = {
  async listPrinters() {
    try {
      const [destinations, defaultLine] = await Promise.all([
        run('lpstat', ['-e']),
        run('lpstat', ['-d']).catch(() => ({ stdout: '', stderr: '' })),
      ]);
      return parseCupsPrinters(destinations.stdout, defaultLine.stdout);
    } catch (error) {
      throw cupsError(error);
    }
  },
  async printPdf(file, printer, title) {
    try {
      const { stdout } = await run('lp', cupsPrintArguments(file, printer, title));
      return { job: parseCupsJob(stdout) };
    } catch (error) {
      if (error instanceof CommandFailed && /does not exist|Unknown destination|not found/i.test(error.stderr)) {
        throw new UserError(
          `There is no printer called ${printer} on this computer. Choose one of the printers listed.`,
          'no-such-printer',
        );
      }
      throw cupsError(error);
    }
  },
};

/** Windows PowerShell, without the user's profile, reading its input from the environment (never from the command line). */
const POWERSHELL = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command'] as const;

export const WINDOWS_LIST_PRINTERS = `Get-CimInstance -ClassName Win32_Printer | Select-Object Name, Default | ConvertTo-Json -Compress`;

/**
 * Hands the PDF's bytes to the Windows print spooler as one RAW job (winspool.drv), for printers that print PDF
 * themselves, as office printers do. The printer, file and title come from NOTIFY_DESK_* environment variables.
 */
export const WINDOWS_PRINT_RAW = `
$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;
public static class NotifyDeskSpooler {
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  public class DocInfo { public string Name; public string OutputFile; public string DataType; }
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)] static extern bool OpenPrinter(string name, out IntPtr handle, IntPtr defaults);
  [DllImport("winspool.drv", SetLastError = true)] static extern bool ClosePrinter(IntPtr handle);
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)] static extern int StartDocPrinter(IntPtr handle, int level, [In] DocInfo info);
  [DllImport("winspool.drv", SetLastError = true)] static extern bool EndDocPrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)] static extern bool StartPagePrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)] static extern bool EndPagePrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)] static extern bool WritePrinter(IntPtr handle, byte[] bytes, int count, out int written);
  public static int Print(string printer, string title, byte[] bytes) {
    IntPtr handle;
    if (!OpenPrinter(printer, out handle, IntPtr.Zero)) throw new System.ComponentModel.Win32Exception(Marshal.GetLastWin32Error());
    try {
      int job = StartDocPrinter(handle, 1, new DocInfo { Name = title, DataType = "RAW" });
      if (job == 0) throw new System.ComponentModel.Win32Exception(Marshal.GetLastWin32Error());
      StartPagePrinter(handle);
      int written;
      bool ok = WritePrinter(handle, bytes, bytes.Length, out written);
      EndPagePrinter(handle);
      EndDocPrinter(handle);
      if (!ok || written != bytes.Length) throw new System.ComponentModel.Win32Exception(Marshal.GetLastWin32Error());
      return job;
    } finally { ClosePrinter(handle); }
  }
}
'@
$bytes = [System.IO.File]::ReadAllBytes($env:NOTIFY_DESK_PRINT_FILE)
[NotifyDeskSpooler]::Print($env:NOTIFY_DESK_PRINTER, $env:NOTIFY_DESK_PRINT_TITLE, $bytes)
`;

/** `ConvertTo-Json` gives one object for one printer and a list for several. */
export function parseWindowsPrinters(json: string): LetterPrinter[] {
  if (json.trim() === '') return [];
  const parsed: unknown = JSON.parse(json);
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list
    .filter(
      (item): item is { Name: string; Default?: boolean } =>
        typeof item === 'object' && item !== null && typeof (item as { Name?: unknown }).Name === 'string',
    )
    .map((item) => ({ name: item.Name, isDefault: item.Default === true }));
}

/** The environment the RAW print script reads its input from. */
export function windowsPrintEnvironment(
  file: string,
  printer: string,
  title: string,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  return { ...base, NOTIFY_DESK_PRINT_FILE: file, NOTIFY_DESK_PRINTER: printer, NOTIFY_DESK_PRINT_TITLE: title };
}

export const windowsSpooler: PrintSpooler = {
  async listPrinters() {
    const { stdout } = await run('powershell.exe', [...POWERSHELL, WINDOWS_LIST_PRINTERS]);
    return parseWindowsPrinters(stdout);
  },
  async printPdf(file, printer, title) {
    try {
      const { stdout } = await run(
        'powershell.exe',
        [...POWERSHELL, WINDOWS_PRINT_RAW],
        windowsPrintEnvironment(file, printer, title),
      );
      return { job: stdout.trim() || null };
    } catch (error) {
      throw new UserError(
        `The Windows print spooler refused the letters for ${printer}: ${error instanceof Error ? error.message : String(error)}`,
        'print-refused',
      );
    }
  },
};

export function systemSpooler(platform: NodeJS.Platform = process.platform): PrintSpooler {
  return platform === 'win32' ? windowsSpooler : cupsSpooler;
}
