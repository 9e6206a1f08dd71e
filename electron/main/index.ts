// The desktop app's main process: it only creates the window and passes messages between the window and the core,
// which runs in a utility process of its own (electron/core-host), so that long work never freezes the window and a
// crash of the core does not close it.
import { app, BrowserWindow, dialog, ipcMain, session, shell, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { importFileExtensions, type CoreEventName, type CoreEvents } from '../../shared/contract';
import { CoreSupervisor } from '../core-host/core-supervisor';
import { resolveDataDir } from '../core/data-dir';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { createDesktopRequestHandler } from './desktop-requests';
import { showInboxSaveDialog, showWatchFolderDialog } from './desk-dialogs';
import {
  APP_ORIGIN,
  CHOOSE_IMPORT_FILE_CHANNEL,
  CHOOSE_WATCH_FOLDER_CHANNEL,
  EVENT_CHANNEL,
  INVOKE_CHANNEL,
  SAVE_INBOX_DOWNLOAD_CHANNEL,
} from './ipc-channels';
import { isInDataFolder } from './show-in-folder';
import { spellCheckOn } from './spell-check';
import type { WindowSender } from './trusted-sender';
import { startUtilityCoreHost } from './utility-core-host';
import { chooseImportFile, chooseWatchFolder, passWindowCall, saveInboxDownload } from './window-calls';
import { lockDownContents, lockDownSession } from './window-security';

const rendererDir = join(__dirname, '..', '..', 'renderer', 'dist');
const dataDirFlag = process.argv.find((arg) => arg.startsWith('--data-dir='))?.slice('--data-dir='.length);
const dataDir = resolveDataDir(dataDirFlag);

app.enableSandbox();
registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let mainWindow: BrowserWindow | null = null;

function sendToWindow<E extends CoreEventName>(event: E, payload: CoreEvents[E]): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, event, payload);
}

const letterFontsDir = app.isPackaged
  ? join(process.resourcesPath, 'letter-fonts')
  : join(app.getAppPath(), 'resources', 'letter-fonts');
const desktopRequests = createDesktopRequestHandler();

const core = new CoreSupervisor({
  startHost: () => {
    // A new core host starts with no letters print pages: those of a host that stopped are closed.
    void desktopRequests.closeAll();
    return startUtilityCoreHost(join(__dirname, 'core-host.cjs'), dataDir, letterFontsDir);
  },
  onEvent: (event, payload) => sendToWindow(event, payload as CoreEvents[typeof event]),
  onShowItemInFolder: (path) => {
    if (isInDataFolder(dataDir, path)) shell.showItemInFolder(path);
  },
  onDesktopRequest: (request) => desktopRequests.handle(request),
  onCrash: (notice) => sendToWindow('core.restarted', notice),
});

function senderOf(event: IpcMainInvokeEvent): WindowSender {
  return {
    frameUrl: event.senderFrame?.url,
    isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
    fromAppWindow: mainWindow !== null && !mainWindow.isDestroyed() && event.sender === mainWindow.webContents,
  };
}

async function showImportDialog(): Promise<string | null> {
  const options = {
    title: 'Choose a spreadsheet to import',
    properties: ['openFile' as const],
    filters: [{ name: 'Spreadsheets and CSV files', extensions: [...importFileExtensions] }],
  };
  const chosen = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 860,
    title: 'notify-desk',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: spellCheckOn(process.platform),
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

// Every web contents, the window's and any other, stays on the app's own pages.
app.on('web-contents-created', (_event, contents) => lockDownContents(contents));

void app.whenReady().then(async () => {
  lockDownSession(session.defaultSession);
  if (!spellCheckOn(process.platform)) session.defaultSession.setSpellCheckerEnabled(false);
  serveRenderer(rendererDir);
  try {
    await core.start();
  } catch (error) {
    dialog.showErrorBox('notify-desk cannot start', error instanceof Error ? error.message : String(error));
    app.quit();
    return;
  }
  ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, args: unknown) =>
    passWindowCall(senderOf(event), name, args, core),
  );
  ipcMain.handle(CHOOSE_IMPORT_FILE_CHANNEL, (event, args: unknown) =>
    chooseImportFile(senderOf(event), args, showImportDialog, core),
  );
  ipcMain.handle(CHOOSE_WATCH_FOLDER_CHANNEL, (event) =>
    chooseWatchFolder(senderOf(event), () => showWatchFolderDialog(() => mainWindow), core),
  );
  ipcMain.handle(SAVE_INBOX_DOWNLOAD_CHANNEL, (event) =>
    saveInboxDownload(senderOf(event), () => showInboxSaveDialog(() => mainWindow), core),
  );
  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let closing = false;
app.on('before-quit', (event) => {
  if (closing) return;
  closing = true;
  event.preventDefault();
  void core.close().finally(() => app.quit());
});
