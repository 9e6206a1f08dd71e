import { coreEventNames, type CallResult, type CoreEventName } from '../../shared/contract';
import {
  hostReplySchema,
  type DesktopRequest,
  type HostReply,
  type HostRequest,
  type MessageChannelEnd,
} from './protocol';

/** The core host as the main process sees it: an Electron utility process, or a Node child process in tests. */
export interface HostProcess extends MessageChannelEnd<HostRequest> {
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export interface CrashNotice {
  /** What the person at the desk reads. */
  message: string;
  restarting: boolean;
}

export interface CoreSupervisorOptions {
  startHost(): HostProcess;
  /** One of the core's events, for the window. */
  onEvent(name: CoreEventName, payload: unknown): void;
  /** The core asks to show one of its own files in the file manager. */
  onShowItemInFolder(path: string): void;
  /** Does what the core asks of the desktop (the system's proxy, printing letters with Chromium). */
  onDesktopRequest(request: DesktopRequest): Promise<unknown>;
  /** The core stopped when nobody asked it to. */
  onCrash(notice: CrashNotice, detail: { exitCode: number | null }): void;
  /** Waits before the restarts that follow quick crashes; one more quick crash than there are delays gives up. */
  restartDelaysMs?: readonly number[];
  /** A host that ran this long before it crashed was not crashing quickly: the count of quick crashes starts again. */
  stableAfterMs?: number;
  /** How long a host may take to close before it is ended. */
  closeTimeoutMs?: number;
}

export const crashedDuringCallMessage =
  "notify-desk's background process stopped before this was done. It has been restarted: check the outbox before you try again.";
export const restartedMessage =
  "notify-desk's background process stopped unexpectedly and has been restarted. Messages already in the outbox are safe. If you were importing a file, choose it again.";
export const keepsStoppingMessage =
  "notify-desk's background process keeps stopping, so it has not been restarted. Messages already in the outbox are safe. Close notify-desk and open it again; if this keeps happening, give your IT team the log file from the logs folder of notify-desk's data folder.";
const closingMessage = 'notify-desk is closing.';

type State = 'starting' | 'ready' | 'failed' | 'closing' | 'closed';

/**
 * Keeps the core running in its own process for the desktop app's main process: passes calls on and answers them,
 * forwards the core's events, and when the process stops unexpectedly fails the calls in flight, says so, and starts
 * a new one (backing off, and giving up after repeated quick crashes). Plain Node, so it is tested without Electron.
 */
export class CoreSupervisor {
  private state: State = 'starting';
  private host: HostProcess | null = null;
  private failure = '';
  private nextCallId = 0;
  private readonly pending = new Map<number, (result: CallResult<unknown>) => void>();
  private waitingForReady: (() => void)[] = [];
  private quickCrashes = 0;
  private startedAt = 0;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private firstStart: { resolve(): void; reject(error: Error): void } | null = null;
  private whenClosed: (() => void) | null = null;

  constructor(private readonly options: CoreSupervisorOptions) {}

  /** Starts the core; resolves once it answers, rejects with the reason it could not open. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.firstStart = { resolve, reject };
      this.launch();
    });
  }

  /** Passes a call on to the core; waits while it (re)starts. */
  async call(name: unknown, args: unknown): Promise<CallResult<unknown>> {
    if (this.state === 'starting') await new Promise<void>((resolve) => this.waitingForReady.push(resolve));
    const host = this.host;
    if (this.state !== 'ready' || !host) return refusal(this.failure || closingMessage, 'core-unavailable');
    const id = this.nextCallId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      host.send({ type: 'call', id, name, args });
    });
  }

  /** Asks the core to close (it finishes what it is writing), and ends its process if it takes too long. */
  async close(): Promise<void> {
    clearTimeout(this.restartTimer);
    const host = this.host;
    const wasReady = this.state === 'ready';
    this.enter('closing', closingMessage);
    if (!host) {
      this.state = 'closed';
      return;
    }
    const closed = new Promise<void>((resolve) => (this.whenClosed = resolve));
    // A core still opening has nothing to finish.
    if (wasReady) host.send({ type: 'close' });
    else host.kill();
    const timer = setTimeout(() => host.kill(), this.options.closeTimeoutMs ?? 10_000);
    await closed;
    clearTimeout(timer);
  }

  private launch(): void {
    this.state = 'starting';
    this.startedAt = Date.now();
    const host = this.options.startHost();
    this.host = host;
    host.onMessage((raw) => {
      if (host === this.host) this.receive(host, raw);
    });
    host.onExit((code) => {
      if (host === this.host) this.exited(code);
    });
  }

  private receive(host: HostProcess, raw: unknown): void {
    const parsed = hostReplySchema.safeParse(raw);
    if (!parsed.success) return;
    const reply: HostReply = parsed.data;
    switch (reply.type) {
      case 'ready':
        if (this.state !== 'starting') return;
        this.state = 'ready';
        this.releaseWaiting();
        this.firstStart?.resolve();
        this.firstStart = null;
        return;
      case 'start-failed':
        // Restarting cannot help (a database from a newer version, a data folder that cannot be written).
        host.kill();
        this.enter('failed', reply.message);
        if (this.firstStart) this.firstStart.reject(new Error(reply.message));
        else
          this.options.onCrash(
            { message: `notify-desk could not restart its background process: ${reply.message}`, restarting: false },
            { exitCode: null },
          );
        this.firstStart = null;
        return;
      case 'result':
        this.pending.get(reply.id)?.(reply.result);
        this.pending.delete(reply.id);
        return;
      case 'event':
        if ((coreEventNames as readonly string[]).includes(reply.name))
          this.options.onEvent(reply.name as CoreEventName, reply.payload);
        return;
      case 'show-item-in-folder':
        this.options.onShowItemInFolder(reply.path);
        return;
      case 'desktop-request': {
        const { id } = reply;
        void this.options.onDesktopRequest(reply.request).then(
          (value) => {
            if (host === this.host) host.send({ type: 'desktop-reply', id, answer: { ok: true, value } });
          },
          (error: unknown) => {
            if (host === this.host)
              host.send({
                type: 'desktop-reply',
                id,
                answer: { ok: false, message: error instanceof Error ? error.message : String(error) },
              });
          },
        );
        return;
      }
    }
  }

  private exited(exitCode: number | null): void {
    this.host = null;
    if (this.state === 'closing' || this.state === 'closed') {
      this.state = 'closed';
      this.failAllPending(closingMessage);
      this.whenClosed?.();
      return;
    }
    if (this.state === 'failed') return;
    this.failAllPending(crashedDuringCallMessage);
    if (Date.now() - this.startedAt >= (this.options.stableAfterMs ?? 60_000)) this.quickCrashes = 0;
    this.quickCrashes += 1;
    const delays = this.options.restartDelaysMs ?? [0, 1_000, 5_000];
    const delay = delays[this.quickCrashes - 1];
    if (delay === undefined) {
      this.enter('failed', keepsStoppingMessage);
      this.options.onCrash({ message: keepsStoppingMessage, restarting: false }, { exitCode });
      this.firstStart?.reject(new Error(keepsStoppingMessage));
      this.firstStart = null;
      return;
    }
    this.options.onCrash({ message: restartedMessage, restarting: true }, { exitCode });
    this.state = 'starting';
    this.restartTimer = setTimeout(() => this.launch(), delay);
  }

  /** Leaves for a state in which calls are refused with `reason`. */
  private enter(state: 'failed' | 'closing', reason: string): void {
    this.state = state;
    this.failure = reason;
    this.releaseWaiting();
  }

  private releaseWaiting(): void {
    const waiting = this.waitingForReady;
    this.waitingForReady = [];
    for (const resume of waiting) resume();
  }

  private failAllPending(message: string): void {
    const code = message === closingMessage ? 'core-unavailable' : 'core-restarted';
    for (const resolve of this.pending.values()) resolve(refusal(message, code));
    this.pending.clear();
  }
}

function refusal(message: string, code: string): CallResult<unknown> {
  return { ok: false, error: { message, code } };
}
