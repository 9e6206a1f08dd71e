import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { createCore, type Core } from '../core/create-core';
import { resolveDataDir } from '../core/data-dir';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { registerDeskDialogs } from './desk-dialogs';
import { APP_ORIGIN, EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';
import { lockDownSession, lockDownWindow } from './window-security';

const rendererDir = join(__dirname, '..', '..', 'renderer', 'dist');
const dataDirFlag = process.argv.find((arg) => arg.startsWith('--data-dir='))?.slice('--data-dir='.length);

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

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
      webSecurity: true,
      spellcheck: true,
    },
  });
  lockDownWindow(window);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

function registerIpc(running: Core): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, name: unknown, args: unknown) => {
    // Only our own page, loaded from the app scheme, may call the core.
    if (!event.senderFrame || !event.senderFrame.url.startsWith(`${APP_ORIGIN}/`)) {
      return { ok: false, error: { message: 'Calls from this page are refused.' } };
    }
    return running.call(name, args);
  });
  running.events.onAny((event, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, event, payload);
  });
}

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (navigation, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) navigation.preventDefault();
  });
});

void app.whenReady().then(async () => {
  lockDownSession(session.defaultSession);
  serveRenderer(rendererDir);
  try {
    core = await createCore({ dataDir: resolveDataDir(dataDirFlag), sync: true, showItemInFolder: (path) => shell.showItemInFolder(path) });
  } catch (error) {
    dialog.showErrorBox('notify-desk cannot start', error instanceof Error ? error.message : String(error));
    app.quit();
    return;
  }
  registerIpc(core);
  registerDeskDialogs(core, () => mainWindow);
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
  if (closing || !core) return;
  closing = true;
  event.preventDefault();
  void core.close().finally(() => app.quit());
});
