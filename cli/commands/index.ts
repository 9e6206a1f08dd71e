import type { CliCommand } from '../command';
import { importCommand } from './import';
import { lettersCommand } from './letters';
import { logCommand } from './log';
import { inboxCommand } from './inbox';
import { outboxCommand } from './outbox';
import { providerCommand } from './provider';
import { purgeCommand } from './purge';
import { routeCommand } from './route';
import { sendCommand } from './send';
import { serviceCommand } from './service';
import { simulatorCommand } from './simulator';
import { syncCommand } from './sync';
import { templateCommand } from './template';
import { watchCommand } from './watch';
import { auditCommand } from './audit';
import { webCommand } from './web';

/** Every command, in the order `--help` lists them. Add a command with one line here. */
export const commands: readonly CliCommand[] = [
  simulatorCommand,
  webCommand,
  serviceCommand,
  templateCommand,
  sendCommand,
  importCommand,
  syncCommand,
  outboxCommand,
  providerCommand,
  routeCommand,
  lettersCommand,
  logCommand,
  inboxCommand,
  watchCommand,
  purgeCommand,
  auditCommand,
];
