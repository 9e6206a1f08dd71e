// The parts of the `smpp` package (node-smpp 0.5, which ships no types) the desk and its tests use.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  /** A PDU's fields, by the names of the SMPP 3.4 specification; `short_message` arrives decoded as `{ message, udh? }`. */
  export interface PDU {
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(fields?: Record<string, unknown>): PDU;
    toBuffer(): Buffer;
  }

  export interface Session extends EventEmitter {
    socket: Socket;
    send(pdu: PDU, responseCallback?: (pdu: PDU) => void, sendCallback?: (pdu: PDU) => void): boolean;
    bind_transceiver(fields: Record<string, unknown>, responseCallback?: (pdu: PDU) => void): boolean;
    submit_sm(
      fields: Record<string, unknown>,
      responseCallback?: (pdu: PDU) => void,
      sendCallback?: (pdu: PDU) => void,
    ): boolean;
    deliver_sm(fields: Record<string, unknown>, responseCallback?: (pdu: PDU) => void): boolean;
    enquire_link(fields?: Record<string, unknown>, responseCallback?: (pdu: PDU) => void): boolean;
    unbind(fields?: Record<string, unknown>, responseCallback?: (pdu: PDU) => void): boolean;
    pause(): void;
    resume(): void;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
  }

  export const PDU: {
    new (command: string, fields?: Record<string, unknown>): PDU;
  };

  export interface Server extends NetServer {
    sessions: Session[];
  }

  export function connect(
    options: { host: string; port: number; tls?: boolean; auto_enquire_link_period?: number },
    listener?: () => void,
  ): Session;
  export function createServer(options: Record<string, unknown>, listener: (session: Session) => void): Server;

  export const encodings: {
    ASCII: { encode(text: string): Buffer; decode(bytes: Buffer): string };
    UCS2: { encode(text: string): Buffer; decode(bytes: Buffer): string };
  };

  export const ESME_ROK: number;
  export const ESME_RSYSERR: number;
  export const ESME_RTHROTTLED: number;
  export const ESME_RINVDSTADR: number;
  export const ESME_RBINDFAIL: number;
  export const ESME_RINVPASWD: number;
  export const ESME_RINVSYSID: number;
  export const ESME_RMSGQFUL: number;
  export const ESME_RSUBMITFAIL: number;
  export const ESME_RX_T_APPN: number;
}
