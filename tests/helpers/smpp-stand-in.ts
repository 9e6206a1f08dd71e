// A local SMPP 3.4 gateway for tests and benchmarks, built with the same `smpp` package the desk uses: it binds
// transceivers, records every PDU, answers submit_sm (with faults on demand: throttling, system errors, silence, a
// dropped connection, slowness) and sends delivery receipts back, with ids in hex or decimal, holding them for the
// next bind when no session is open (as a gateway does).
import type { AddressInfo } from 'node:net';
import type { PDU, Server, Session } from 'smpp';
import { loadSmpp } from '../../electron/core/providers/direct-routes';

type Smpp = Awaited<ReturnType<typeof loadSmpp>>;

export interface ReceivedSubmit {
  sourceAddr: string;
  sourceTon: number;
  sourceNpi: number;
  destination: string;
  destTon: number;
  destNpi: number;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  /** The concatenation header (05 00 03 ref total seq), when the part has one. */
  udh: Buffer | null;
  /** The part's text, decoded from its data_coding. */
  text: string;
  /** The id given in submit_sm_resp, when the submit was answered with success. */
  messageId: string | null;
  /** How it was answered: taken, refused with an error status, or never (the gateway may have it). */
  answer: 'ok' | 'error' | null;
}

export interface SmppFaults {
  /** Answer this many of the next submits with ESME_RTHROTTLED. */
  throttleNext?: number;
  /** Answer every submit with ESME_RTHROTTLED until cleared. */
  throttleAll?: boolean;
  /** Answer this many of the next submits with ESME_RSYSERR. */
  systemErrorNext?: number;
  /** Answer submits to this destination with ESME_RINVDSTADR. */
  rejectDestination?: string;
  /** Close the connection on receiving this many more submits, leaving that one (and any in flight) unanswered. */
  dropAfter?: number;
  /** Wait this long before answering each submit. */
  delayMs?: number;
  /** Never answer submits. */
  silent?: boolean;
}

export interface ReceiptPlan {
  /** How ids are written in receipts (gateways differ from their own submit_sm_resp). */
  idFormat: 'hex' | 'decimal';
  /** Put the id in the receipted_message_id TLV too. */
  tlv: boolean;
  afterMs: number;
  /** The `stat:` for a submitted part (DELIVRD by default). */
  stat(submit: ReceivedSubmit): string;
}

export interface SmppStandInOptions {
  systemId: string;
  password: string;
  port?: number;
  /** How ids are written in submit_sm_resp. */
  idFormat?: 'hex' | 'decimal';
  receipts?: ReceiptPlan | null;
}

export class SmppStandIn {
  readonly received: ReceivedSubmit[] = [];
  readonly pdus: string[] = [];
  binds = 0;
  /** The most submits it held unanswered at once. */
  maxOutstanding = 0;
  private outstanding = 0;
  faults: SmppFaults = {};
  private nextId = 0x5a0000 + Math.floor(Math.random() * 0x10000);
  private readonly heldReceipts: Record<string, unknown>[] = [];
  private readonly sessions = new Set<Session>();
  private readonly boundSessions = new Set<Session>();

  private constructor(
    private readonly smpp: Smpp,
    private readonly server: Server,
    private readonly options: SmppStandInOptions,
  ) {}

  static async start(options: SmppStandInOptions): Promise<SmppStandIn> {
    const smpp = await loadSmpp();
    let standIn: SmppStandIn | null = null;
    const server = smpp.createServer({}, (session) => standIn?.accept(session));
    standIn = new SmppStandIn(smpp, server, options);
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    return standIn;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Parts answered with success: what the gateway took. */
  get accepted(): ReceivedSubmit[] {
    return this.received.filter((submit) => submit.messageId !== null);
  }

  /** The texts the gateway took, each long message put together from its parts. */
  acceptedTexts(): string[] {
    const whole: string[] = [];
    const partsByReference = new Map<string, ReceivedSubmit[]>();
    for (const submit of this.accepted) {
      if (!submit.udh) {
        whole.push(submit.text);
        continue;
      }
      const key = `${submit.destination}:${submit.udh[3]}:${submit.udh[4]}`;
      const parts = [...(partsByReference.get(key) ?? []), submit];
      partsByReference.set(key, parts);
      if (parts.length === submit.udh[4]) {
        whole.push(
          parts
            .sort((a, b) => (a.udh?.[5] ?? 0) - (b.udh?.[5] ?? 0))
            .map((part) => part.text)
            .join(''),
        );
        partsByReference.delete(key);
      }
    }
    return whole;
  }

  /** Drops every open session at once, as a gateway restarting would. */
  dropSessions(): void {
    for (const session of this.sessions) session.destroy();
  }

  async close(): Promise<void> {
    this.dropSessions();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(session: Session): void {
    this.sessions.add(session);
    session.on('close', () => {
      this.sessions.delete(session);
      this.boundSessions.delete(session);
    });
    session.on('error', () => undefined);
    session.on('pdu', (pdu: PDU) => this.pdus.push(pdu.command));
    let bound = false;
    session.on('bind_transceiver', (pdu: PDU) => {
      if (pdu.system_id !== this.options.systemId || pdu.password !== this.options.password) {
        session.send(pdu.response({ command_status: this.smpp.ESME_RINVPASWD }));
        return;
      }
      bound = true;
      this.binds += 1;
      this.boundSessions.add(session);
      session.send(pdu.response({ system_id: 'stand-in' }));
      for (const receipt of this.heldReceipts.splice(0)) session.deliver_sm(receipt);
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: PDU) => {
      if (!bound) {
        session.send(pdu.response({ command_status: 0x04 /* ESME_RINVBNDSTS */ }));
        return;
      }
      this.submitted(session, pdu);
    });
  }

  private submitted(session: Session, pdu: PDU): void {
    const message = pdu.short_message as { message: string | Buffer; udh?: Buffer[] };
    const submit: ReceivedSubmit = {
      sourceAddr: String(pdu.source_addr),
      sourceTon: Number(pdu.source_addr_ton),
      sourceNpi: Number(pdu.source_addr_npi),
      destination: String(pdu.destination_addr),
      destTon: Number(pdu.dest_addr_ton),
      destNpi: Number(pdu.dest_addr_npi),
      dataCoding: Number(pdu.data_coding),
      esmClass: Number(pdu.esm_class),
      registeredDelivery: Number(pdu.registered_delivery),
      udh: message.udh?.[0] ? Buffer.concat([Buffer.from([5]), message.udh[0]]) : null,
      text: typeof message.message === 'string' ? message.message : message.message.toString('latin1'),
      messageId: null,
      answer: null,
    };
    this.received.push(submit);
    this.outstanding += 1;
    this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding);
    const faults = this.faults;
    if (faults.dropAfter !== undefined) {
      faults.dropAfter -= 1;
      if (faults.dropAfter <= 0) {
        delete faults.dropAfter;
        this.outstanding = 0;
        session.destroy();
        return;
      }
    }
    if (faults.silent) return;
    const refuse = (status: number) => {
      submit.answer = 'error';
      session.send(pdu.response({ command_status: status }));
    };
    const answer = () => {
      this.outstanding -= 1;
      if (faults.throttleAll || (faults.throttleNext ?? 0) > 0) {
        if (!faults.throttleAll) faults.throttleNext = (faults.throttleNext ?? 1) - 1;
        return refuse(this.smpp.ESME_RTHROTTLED);
      }
      if ((faults.systemErrorNext ?? 0) > 0) {
        faults.systemErrorNext = (faults.systemErrorNext ?? 1) - 1;
        return refuse(this.smpp.ESME_RSYSERR);
      }
      if (faults.rejectDestination === submit.destination) return refuse(this.smpp.ESME_RINVDSTADR);
      const id = this.nextId++;
      submit.answer = 'ok';
      submit.messageId =
        this.options.idFormat === 'decimal' ? String(id) : id.toString(16).toUpperCase().padStart(10, '0');
      session.send(pdu.response({ message_id: submit.messageId }));
      this.scheduleReceipt(session, submit, id);
    };
    if (faults.delayMs) setTimeout(answer, faults.delayMs);
    else answer();
  }

  private scheduleReceipt(session: Session, submit: ReceivedSubmit, id: number): void {
    const plan = this.options.receipts;
    if (!plan) return;
    const receiptId = plan.idFormat === 'decimal' ? String(id) : id.toString(16).toUpperCase();
    const stat = plan.stat(submit);
    const receipt: Record<string, unknown> = {
      source_addr: submit.destination,
      destination_addr: submit.sourceAddr,
      esm_class: 0x04,
      data_coding: 0,
      short_message: `id:${receiptId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:2611211200 done date:2611211201 stat:${stat} err:000 text:`,
      ...(plan.tlv ? { receipted_message_id: receiptId } : {}),
    };
    setTimeout(() => {
      const open = [session, ...this.boundSessions].find(
        (candidate) => this.boundSessions.has(candidate) && candidate.socket.writable,
      );
      if (open) open.deliver_sm(receipt);
      else this.heldReceipts.push(receipt);
    }, plan.afterMs);
  }
}
